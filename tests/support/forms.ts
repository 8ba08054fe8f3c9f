import { readFileSync } from "node:fs";
import path from "node:path";
import { resolveStreamedHtml, textOf } from "./html";
import type { Browserless } from "./session";

// Forms as a browser without JavaScript sees them: React renders a server action's form
// with hidden $ACTION_* fields, and posting them (multipart) to the page runs the action.

export type FormField = { name: string; value: string };

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};

/**
 * Every form of a page with the fields it would submit, in document order: inputs with a
 * name (checkboxes only when checked), selects (the selected option, else the first),
 * textareas; never a disabled control.
 */
export function readForms(html: string): FormField[][] {
  return [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].map(([, body]) => fieldsOf(body!));
}

function fieldsOf(html: string): FormField[] {
  const fields: { at: number; field: FormField }[] = [];
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = attr(tag, "name");
    const type = attr(tag, "type");
    if (!name || /\sdisabled=""/.test(tag) || ((type === "checkbox" || type === "radio") && !/\schecked=""/.test(tag))) continue;
    fields.push({ at: m.index, field: { name, value: attr(tag, "value") ?? "" } });
  }
  for (const m of html.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[1]!, "name");
    if (!name) continue;
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)];
    const chosen = options.find((o) => /\sselected=""/.test(o[1]!)) ?? options[0];
    fields.push({ at: m.index, field: { name, value: chosen ? (attr(chosen[1]!, "value") ?? decode(chosen[2]!)) : "" } });
  }
  for (const m of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attr(m[1]!, "name");
    if (name) fields.push({ at: m.index, field: { name, value: decode(m[2]!).replace(/^\n/, "") } });
  }
  return fields.sort((a, b) => a.at - b.at).map((f) => f.field);
}

/** The one form that has a field of this name. */
export function formWithField(html: string, name: string): FormField[] {
  const matches = readForms(html).filter((fields) => fields.some((f) => f.name === name));
  if (matches.length !== 1) throw new Error(`expected one form with a field "${name}", found ${matches.length}`);
  return matches[0]!;
}

/** A server action's id, from the build's server-reference manifest. */
export function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "../../.next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const ids = Object.entries(manifest.node)
    .filter(([, a]) => a.exportedName === exportedName)
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`expected one server action "${exportedName}", found ${ids.length}`);
  return ids[0]!;
}

/**
 * Calls a form's server action the way the page's script does when the form is in a
 * dialog (not in the HTML until a click): POST with the Next-Action header and the
 * arguments (previous state, form data) encoded as React encodes them. Answers the
 * response's text (the action's returned state, in React's stream format) and where an
 * action that redirects sends the browser.
 */
export async function callFormAction(
  session: Browserless,
  to: string,
  exportedName: string,
  fields: Record<string, string>,
): Promise<{ status: number; text: string; redirect: string | null }> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  // The root goes last, as React writes it: the server reads the form data it refers to first.
  body.append("0", JSON.stringify([{}, "$K1"]));
  const res = await session.fetch(to, {
    method: "POST",
    body,
    headers: { "next-action": actionId(exportedName), accept: "text/x-component" },
  });
  // An action that ends with redirect() names where the browser goes next.
  return { status: res.status, text: await res.text(), redirect: res.headers.get("x-action-redirect")?.split(";")[0] ?? null };
}

/** A form's fields with its services replaced by these (numbered in this order). */
export function withServices(fields: FormField[], services: Record<string, string>[]): FormField[] {
  return [
    ...fields.filter((f) => !f.name.startsWith("services.")),
    ...services.flatMap((s, i) => Object.entries(s).map(([k, value]) => ({ name: `services.${i}.${k}`, value }))),
  ];
}

/** The one form that has all these field values. */
export function findForm(html: string, has: Record<string, string>): FormField[] {
  const matches = readForms(html).filter((fields) =>
    Object.entries(has).every(([k, v]) => fields.some((f) => f.name === k && f.value === v)),
  );
  if (matches.length !== 1) throw new Error(`expected one form with ${JSON.stringify(has)}, found ${matches.length}`);
  return matches[0]!;
}

/**
 * Posts a form as multipart/form-data, as a browser would after the user changed some
 * fields: `change` sets a field's value (adding it when the form has none, as a script
 * adding a row would), null leaves it out.
 */
export function submitForm(
  session: Browserless,
  to: string,
  fields: FormField[],
  change: Record<string, string | Blob | null> = {},
): Promise<Response> {
  const body = new FormData();
  for (const f of fields) {
    const value = f.name in change ? change[f.name] : f.value;
    if (value !== null && value !== undefined) body.append(f.name, value);
  }
  for (const [name, value] of Object.entries(change)) {
    if (value !== null && !fields.some((f) => f.name === name)) body.append(name, value);
  }
  return session.fetch(to, { method: "POST", body });
}

/** A page's HTML once its streamed parts are in place; it must answer 200. */
export async function fetchPage(session: Browserless, url: string): Promise<string> {
  const res = await session.fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return resolveStreamedHtml(await res.text());
}

/** Posts a form (see submitForm) and reads the page it answers. */
export async function postForm(session: Browserless, to: string, fields: FormField[], change: Record<string, string | Blob | null> = {}) {
  const res = await submitForm(session, to, fields, change);
  const html = resolveStreamedHtml(await res.text());
  return { status: res.status, html, text: textOf(html) };
}
