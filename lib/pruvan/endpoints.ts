import type { AuthResult, AuthenticatedIntegration } from "@/lib/integrations/authenticate";
import { acceptValidation } from "@/lib/integrations/validation";
import { pullWorkOrders } from "@/lib/orders/pruvan-pull";
import { applyStatusReports, type StatusReportInput } from "@/lib/orders/pruvan-status";
import type { StagedFile } from "@/lib/storage";
import { ingestWorkItem, type StoredOutcome } from "@/lib/work-items/ingest";
import {
  answers,
  describeInvalid,
  getWorkOrdersPayloadSchema,
  MESSAGES,
  statusPayloadSchema,
  statusReportSchema,
  userMessage,
  validatePayloadSchema,
  type PruvanEndpoint,
  type StatusError,
} from "./api-wire";
import type { CallOutcome } from "./calls";

// The four web services once the caller is known (lib/pruvan/http/serve.ts authenticates
// as soon as the payload is read): validate the payload, call the one domain function, and
// say what to answer and what to log.

export type EndpointCall = { payload: Record<string, unknown>; file?: StagedFile };
export type EndpointResult = { body: unknown; outcome: CallOutcome; integrationId?: string; itemCount?: number; message?: string };

type Handler = (integration: AuthenticatedIntegration, call: EndpointCall) => Promise<EndpointResult>;

export async function runEndpoint(
  endpoint: PruvanEndpoint,
  integration: AuthenticatedIntegration,
  call: EndpointCall,
): Promise<EndpointResult> {
  const result = await handlers[endpoint](integration, call);
  return { integrationId: integration.id, ...result };
}

/** What a caller whose credentials were refused is answered (and what the log says). */
export function refusedCall(endpoint: PruvanEndpoint, auth: Extract<AuthResult, { ok: false }>): EndpointResult {
  const message = auth.reason === "disabled" ? MESSAGES.disabled : MESSAGES.invalidCredentials;
  return { body: answers[endpoint].fail(message), outcome: "refused", integrationId: auth.integrationId, message };
}

/** The call log's words for what an upload did ("picture re-published (version 2, matched)"). */
const STORED_WORDS: Record<StoredOutcome, string> = { stored: "stored", republished: "re-published", duplicate: "already stored" };

const invalid = (endpoint: PruvanEndpoint, message: string): EndpointResult => ({
  body: answers[endpoint].fail(userMessage(message)),
  outcome: "invalid",
  message,
});

const handlers: Record<PruvanEndpoint, Handler> = {
  // POST validate - credentials check; hands us the account's push key
  async validate(integration, { payload }) {
    const parsed = validatePayloadSchema.safeParse(payload);
    if (!parsed.success) return invalid("validate", describeInvalid(parsed.error));
    const outcome = await acceptValidation(integration.id, parsed.data.pushkey?.trim());
    if (!outcome.ok) return invalid("validate", outcome.message);
    return { body: answers.validate.ok(), outcome: "ok", message: outcome.pushKeyStored ? "push key stored" : "no push key sent" };
  },

  // POST getWorkOrders - full (timestamp null) or incremental pull of this account's orders
  async getWorkOrders(integration, { payload }) {
    const parsed = getWorkOrdersPayloadSchema.safeParse(payload);
    if (!parsed.success) return invalid("getWorkOrders", describeInvalid(parsed.error));
    const since = parsed.data.timestamp;
    const pull = await pullWorkOrders(integration, since);
    if (!pull.ok) {
      const sync = pull.fullSync ? `; full sync by push ${pull.fullSync.started ? "started" : "already under way"}` : "; no push key";
      return {
        body: answers.getWorkOrders.fail(userMessage(pull.error)),
        outcome: "refused",
        itemCount: 0,
        message: `full refresh refused: ${pull.current} current orders${sync}`,
      };
    }
    const queued = pull.matched > pull.workOrders.length ? `; ${pull.matched} matched, ${pull.queuedForPush} queued for push` : "";
    return {
      body: answers.getWorkOrders.ok(pull.workOrders),
      outcome: "ok",
      itemCount: pull.workOrders.length,
      message: `${since ? `incremental since ${since.toISOString()}` : "full refresh"}: sent ${pull.workOrders.length}${queued}`,
    };
  },

  // POST uploadPictures - one photo, CSR, survey, check-in or file with its metadata
  async uploadPictures(integration, { payload, file }) {
    const result = await ingestWorkItem({ integration, payload, file });
    if (!result.ok) return { ...invalid("uploadPictures", result.message), itemCount: 0 };
    const fileType = typeof payload.fileType === "string" ? payload.fileType : "item";
    return {
      body: answers.uploadPictures.ok(),
      outcome: "ok",
      itemCount: 1,
      message: `${fileType} ${STORED_WORDS[result.outcome]}${result.outcome === "duplicate" ? "" : ` (${result.version > 1 ? `version ${result.version}, ` : ""}${result.match})`}`,
    };
  },

  // POST status - Pruvan's status, field status and due date of our orders
  async status(integration, { payload }) {
    const parsed = statusPayloadSchema.safeParse(payload);
    if (!parsed.success) return invalid("status", describeInvalid(parsed.error));
    const errors = new Map<number, StatusError>();
    const reports: Array<StatusReportInput & { index: number }> = [];
    parsed.data.workOrders.forEach((entry, index) => {
      const report = statusReportSchema.safeParse(entry);
      if (report.success) reports.push({ ...report.data, index });
      else errors.set(index, { workOrderNumber: numberOf(entry), error: userMessage(describeInvalid(report.error)) });
    });
    const { missing, changed } = await applyStatusReports(integration, reports);
    const missingSet = new Set(missing);
    for (const r of reports)
      if (missingSet.has(r.workOrderNumber)) errors.set(r.index, { workOrderNumber: r.workOrderNumber, error: MESSAGES.orderMissing });
    const total = parsed.data.workOrders.length;
    const message = `${total} reported, ${changed} changed${errors.size ? `, ${errors.size} failed` : ""}`;
    if (errors.size === 0) return { body: answers.status.ok(), outcome: "ok", itemCount: total, message };
    const ordered = [...errors.entries()].sort(([a], [b]) => a - b).map(([, e]) => e);
    return { body: answers.status.fail(ordered), outcome: "invalid", itemCount: total, message };
  },
};

function numberOf(entry: unknown): string {
  const n = entry && typeof entry === "object" ? (entry as Record<string, unknown>).workOrderNumber : undefined;
  return typeof n === "string" || typeof n === "number" ? String(n).slice(0, 200) : "";
}
