// Each answer of a form's action gets its own number. A form keyed by it is rebuilt from
// that answer (the values a refused form posted, or the saved data), so what it shows is
// always what is true, and a form that was saved starts fresh.
const answers = new WeakMap<object, number>();
let count = 0;

export function answerKey(state: object): number {
  if (!answers.has(state)) answers.set(state, ++count);
  return answers.get(state)!;
}
