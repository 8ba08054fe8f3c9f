import type { AllowedHost } from "@/lib/http/allowed-hosts";
import { readAnswer, type CallResult } from "./answer";
import { checkPushKeyUrl } from "./push-key";

// One HTTP call to a push key. The URL is checked against PUSH_ALLOWED_HOSTS before every
// call (a key stored earlier may predate a tighter list), redirects are not followed (they
// could lead off the allowed hosts), and the whole call, answer included, is bounded by
// PUSH_TIMEOUT_MS so a hanging endpoint cannot hold a worker.

const MAX_ANSWER_BYTES = 256 * 1024;

export type PushCall =
  /** Orders: POST application/x-www-form-urlencoded, field workOrders = {"workOrders":[...]}. */
  | { kind: "orders"; workOrders: unknown[] }
  /**
   * Refresh: a plain GET of the push key with no body, exactly what Pruvan's documented
   * bookmark does (push-key.txt). A POST with an empty workOrders list would be a push of
   * zero orders, not a request to re-import.
   */
  | { kind: "refresh" };

export async function callPushKey(
  pushKeyUrl: string,
  call: PushCall,
  opts: { allowedHosts: readonly AllowedHost[]; timeoutMs: number },
): Promise<CallResult & { durationMs: number }> {
  const started = Date.now();
  const done = (r: CallResult) => ({ ...r, durationMs: Date.now() - started });
  const verdict = checkPushKeyUrl(pushKeyUrl, opts.allowedHosts);
  if (!verdict.ok) return done({ ok: false, status: null, reason: `Not sent: ${verdict.reason}`, body: null });
  const init: RequestInit =
    call.kind === "orders"
      ? {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json, text/html;q=0.9, */*;q=0.5" },
          body: new URLSearchParams({ workOrders: JSON.stringify({ workOrders: call.workOrders }) }).toString(),
        }
      : { method: "GET", headers: { accept: "application/json, text/html;q=0.9, */*;q=0.5" } };
  const signal = AbortSignal.timeout(opts.timeoutMs);
  try {
    const res = await fetchOnce(verdict.url, { ...init, redirect: "manual", signal });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      return done({ ok: false, status: res.status, reason: `HTTP ${res.status}: the push key redirects; not followed`, body: null });
    }
    const body = await readCapped(res);
    return done(readAnswer(res.status, body, res.headers.get("retry-after")));
  } catch (err) {
    return done({ ok: false, status: null, reason: networkReason(err, opts.timeoutMs), body: null });
  }
}

/**
 * A kept-alive connection the server closed while idle fails at once with a reset: that
 * call is made again, once, on a new connection (within the same time budget). Pruvan
 * upserts by workOrderNumber, so even a repeat that did arrive is harmless.
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!STALE_CONNECTION.has(causeCode(err) ?? "") || init.signal?.aborted) throw err;
    return fetch(url, init);
  }
}

const STALE_CONNECTION = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]);
const causeCode = (err: unknown) => (err as { cause?: { code?: string } }).cause?.code;

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** What went wrong, without the URL (the push key is a secret). */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `No answer within ${timeoutMs} ms`;
  const cause = causeCode(err) ?? e.cause?.message;
  return `Network error${cause ? `: ${cause}` : `: ${e.message}`}`;
}
