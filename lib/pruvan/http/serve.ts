import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import { config } from "@/lib/config";
import { authenticate, type AuthResult, type AuthenticatedIntegration } from "@/lib/integrations/authenticate";
import { pruvanLoginBlockedForMs, recordPruvanLoginFailure } from "@/lib/integrations/login-throttle";
import { nestsDeeperThan, wellFormed } from "@/lib/json";
import { answers, asciiJson, endpointFromName, MESSAGES, PAYLOAD_MAX_BYTES, PAYLOAD_MAX_DEPTH, userMessage } from "../api-wire";
import { recordPruvanCall, type CallOutcome } from "../calls";
import { refusedCall, runEndpoint, type EndpointResult } from "../endpoints";
import { BodyError, readPruvanBody, tooLargeError, type PruvanBody } from "./request-body";

// POST {PUBLIC_URL}/api/pruvan/{name}.{ext}: one request from Pruvan, on plain Node
// streams so that no transport detail leaks into the endpoints. Reads the body, runs the
// endpoint, records the call, and always answers JSON: the contract's shape with HTTP 200
// for contract failures, 400 for a body we cannot read, 413 for one too large, 404/405
// for a wrong URL or method, 429 to an address whose logins keep failing. Never a 500.
// Nothing is spent on a caller before it is known: its credentials are checked as soon as
// the payload is read, and a refused caller's body is read no further.

export const PRUVAN_BASE_PATH = "/api/pruvan";

export type PruvanHttpRequest = {
  method: string;
  pathname: string;
  contentType?: string;
  contentLength?: string;
  body: Readable;
  /** The caller's address (lib/http/client-address), for the failed-login throttle. */
  address: string;
};

export type PruvanHttpResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer; // ASCII JSON
  /** Close the connection after answering (the request body was not read). */
  close?: boolean;
};

export async function servePruvanRequest(req: PruvanHttpRequest): Promise<PruvanHttpResponse> {
  const started = performance.now();
  const name = req.pathname.slice(PRUVAN_BASE_PATH.length + 1);
  const endpoint = name.includes("/") ? undefined : endpointFromName(name);
  const log = (outcome: CallOutcome, status: number, result: Partial<EndpointResult> & { username?: unknown } = {}) =>
    recordPruvanCall({
      ...result,
      endpoint: endpoint ?? (name.slice(0, 60) || "(none)"),
      outcome,
      httpStatus: status,
      durationMs: performance.now() - started,
    });

  if (!endpoint) {
    req.body.resume();
    await log("invalid", 404, { message: "unknown web service" });
    return json(404, { error: `Unknown Pruvan web service. Use ${PRUVAN_BASE_PATH}/validate, getWorkOrders, uploadPictures or status.` });
  }
  if (req.method !== "POST") {
    req.body.resume();
    await log("invalid", 405, { message: `method ${req.method.slice(0, 10)}` });
    return json(405, { error: `${endpoint} accepts POST only.` }, { allow: "POST" });
  }

  const blockedMs = await pruvanLoginBlockedForMs(req.address);
  if (blockedMs > 0) {
    // Not logged: a row per request is what a stranger must not be able to make us write.
    const minutes = Math.ceil(blockedMs / 60_000);
    const message = `Too many failed logins from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
    return { ...json(429, answers[endpoint].fail(message), { "retry-after": String(Math.ceil(blockedMs / 1000)) }), close: true };
  }

  const limits = {
    payloadBytes: PAYLOAD_MAX_BYTES,
    fileBytes: config().uploadMaxBytes,
    unauthenticatedStagingBytes: config().unauthenticatedStagingBytes,
  };
  // A declared length far over the limits is refused before reading a byte; the
  // connection closes instead of draining gigabytes.
  if (Number(req.contentLength) > limits.fileBytes + limits.payloadBytes + 1024 * 1024) {
    const error = tooLargeError("file", limits.fileBytes);
    await log("invalid", 413, { message: error.message });
    return { ...json(413, answers[endpoint].fail(error.message)), close: true };
  }

  let body: PruvanBody = {};
  let status = 200;
  let result: EndpointResult;
  let payload: Record<string, unknown> | undefined;
  let integration: AuthenticatedIntegration | undefined;
  let close = false;
  const admit = async (text: string) => {
    payload = parsePayload(text);
    const auth = await authenticate(payload);
    if (!auth.ok) throw new CallerRefused(auth);
    integration = auth.integration;
  };
  try {
    body = await readPruvanBody(req.contentType, req.body, limits, admit);
    if (!payload || !integration) throw new BodyError(400, "The request has no payload: send the JSON in a form field named payload.");
    result = await runEndpoint(endpoint, integration, { payload, file: body.file });
  } catch (err) {
    if (err instanceof CallerRefused) {
      close = true;
      result = refusedCall(endpoint, err.auth);
      await recordPruvanLoginFailure(req.address);
    } else if (err instanceof BodyError) {
      close = true;
      status = err.status;
      result = { body: answers[endpoint].fail(err.message), outcome: "invalid", message: err.message };
    } else {
      console.error(JSON.stringify({ pruvan: endpoint, error: (err as Error).message?.slice(0, 300) ?? String(err) }));
      result = { body: answers[endpoint].fail(MESSAGES.internal), outcome: "error", message: (err as Error).message?.slice(0, 300) };
    }
  } finally {
    await body.file?.discard(); // whatever the endpoint did not keep leaves no file behind
  }
  await log(result.outcome, status, { ...result, username: payload?.username });
  return { ...json(status, result.body), close };
}

/** Credentials refused: the answer is the contract's, the reading stops. */
class CallerRefused extends Error {
  constructor(readonly auth: Extract<AuthResult, { ok: false }>) {
    super("caller refused");
  }
}

function parsePayload(text: string): Record<string, unknown> {
  if (text.trim() === "") throw new BodyError(400, "The request has no payload: send the JSON in a form field named payload.");
  // Before JSON.parse: the docs' payloads nest a few levels; thousands only cost us CPU.
  if (nestsDeeperThan(text, PAYLOAD_MAX_DEPTH)) throw new BodyError(400, `The payload nests deeper than ${PAYLOAD_MAX_DEPTH} levels.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BodyError(400, "The payload is not valid JSON.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new BodyError(400, "The payload must be a JSON object.");
  return wellFormed(value) as Record<string, unknown>;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): PruvanHttpResponse {
  if (value && typeof value === "object" && "error" in value && typeof value.error === "string") {
    value = { ...value, error: userMessage(value.error) };
  }
  return {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers },
    body: asciiJson(value),
  };
}
