import { z } from "zod";

// What Pruvan's push key answers (pruvan-api-v2 "Pruvan Push API", push-key.txt), read
// with zod whatever the content type (Pruvan says text/html):
//   push:    {"response":{"created":0,"updated":1,"deleted":0},"error":null}
//            errors per order: "error":[{"workOrderNumber":"Simple1","error":"..."}]
//   refresh: {"response":true,"error":"success"} or {"response":false,"error":"invalid clientCode"}

const count = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const orderErrorSchema = z.object({
  workOrderNumber: z.union([z.string(), z.number()]).transform(String),
  error: z.string(),
});

export const pushAnswerSchema = z.object({
  response: z
    .union([z.object({ created: count.optional(), updated: count.optional(), deleted: count.optional() }), z.boolean(), z.null()])
    .optional(),
  error: z.union([z.null(), z.string(), z.array(orderErrorSchema)]).optional(),
});
export type OrderError = z.infer<typeof orderErrorSchema>;

export type CallResult =
  | { ok: true; status: number; orderErrors: OrderError[]; body: string }
  | { ok: false; status: number | null; reason: string; body: string | null; retryAfterMs?: number };

/** A whole-call verdict: delivered only on a 2xx whose body Pruvan's shape confirms. */
export function readAnswer(status: number, body: string, retryAfter: string | null): CallResult {
  const failed = (reason: string): CallResult => ({ ok: false, status, reason, body, retryAfterMs: parseRetryAfter(retryAfter) });
  if (status < 200 || status > 299) return failed(`HTTP ${status}${body.trim() ? `: ${oneLine(body)}` : ""}`);
  let json: unknown;
  try {
    json = JSON.parse(body.replace(/^\uFEFF/, "").trim());
  } catch {
    return failed(`HTTP ${status} but the answer is not JSON: ${oneLine(body) || "(empty)"}`);
  }
  const answer = pushAnswerSchema.safeParse(json);
  if (!answer.success) return failed(`HTTP ${status} but the answer is not in Pruvan's shape: ${oneLine(body)}`);
  const { response, error } = answer.data;
  if (Array.isArray(error)) return { ok: true, status, orderErrors: error, body };
  const message = typeof error === "string" && !/^\s*(success)?\s*$/i.test(error) ? error.trim() : null;
  if (message) return failed(`Pruvan refused the whole call: ${message}`);
  if (response === false) return failed("Pruvan answered response:false");
  return { ok: true, status, orderErrors: [], body };
}

/** Retry-After: seconds or an HTTP date (429, 503). */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export const oneLine = (text: string, max = 300) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
};
