// How work results are grouped for people: by service, then by evidence type.
// pruvan-api-v2 "evidenceType": typical values are before / during / after; accounts may
// define their own, and photos taken on a survey question carry that question's id.

const STANDARD_ORDER = ["before", "during", "after"];
export const NO_EVIDENCE_TYPE = "";

/** Sort key: before, during, after first (any case), then custom types A-Z, then none. */
export function compareEvidenceTypes(a: string, b: string): number {
  const rank = (t: string) => {
    if (t === NO_EVIDENCE_TYPE) return STANDARD_ORDER.length + 1;
    const i = STANDARD_ORDER.indexOf(t.toLowerCase());
    return i === -1 ? STANDARD_ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b, "en", { sensitivity: "base" });
}

/** The heading for an evidence type; a survey question id reads as its question. */
export function evidenceLabel(type: string, surveyQuestions: ReadonlyMap<string, string>): string {
  if (type === NO_EVIDENCE_TYPE) return "No evidence type";
  const question = surveyQuestions.get(type);
  if (question) return `Survey question: ${question}`;
  const standard = STANDARD_ORDER.includes(type.toLowerCase());
  return standard ? type.charAt(0).toUpperCase() + type.slice(1).toLowerCase() : type;
}

/** Groups already-sorted values by a key, keeping first-seen order of the keys. */
export function groupBy<T>(values: readonly T[], key: (v: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = key(v);
    const list = groups.get(k);
    if (list) list.push(v);
    else groups.set(k, [v]);
  }
  return groups;
}
