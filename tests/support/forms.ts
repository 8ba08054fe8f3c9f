import type { Browserless } from "./session";

// Forms as a browser without JavaScript sees them: React renders a server action's form
// with hidden $ACTION_* fields, and posting them (multipart) to the page runs the action.

export type FormField = { name: string; value: string };

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};

/** Every form of a page with the fields it would submit (inputs with a name; checkboxes only when checked). */
export function readForms(html: string): FormField[][] {
  return [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map(([, body]) =>
    [...body!.matchAll(/<input\b[^>]*>/g)].flatMap(([tag]) => {
      const name = attr(tag, "name");
      const type = attr(tag, "type");
      if (!name || ((type === "checkbox" || type === "radio") && !/\schecked=""/.test(tag))) return [];
      return [{ name, value: attr(tag, "value") ?? "" }];
    }),
  );
}

/** The one form that has all these field values. */
export function findForm(html: string, has: Record<string, string>): FormField[] {
  const matches = readForms(html).filter((fields) => Object.entries(has).every(([k, v]) => fields.some((f) => f.name === k && f.value === v)));
  if (matches.length !== 1) throw new Error(`expected one form with ${JSON.stringify(has)}, found ${matches.length}`);
  return matches[0]!;
}

/** Posts a form as multipart/form-data, with some fields changed. */
export function submitForm(session: Browserless, path: string, fields: FormField[], change: Record<string, string> = {}): Promise<Response> {
  const body = new FormData();
  for (const f of fields) body.append(f.name, f.name in change ? change[f.name]! : f.value);
  return session.fetch(path, { method: "POST", body });
}
