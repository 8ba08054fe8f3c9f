import { z } from "zod";
import type { PruvanStatus } from "@/lib/db";
import { toAscii } from "./ascii";
import { parsePruvanDate, validDate } from "./dates";
import { PRUVAN_STATUSES } from "./statuses";
import { wireWorkOrderSchema } from "./work-order-wire";

// The four web services Pruvan calls on us (pruvan-api-v2 "Developing your Pruvan API web
// services"): the names, what each receives in its `payload` field, and the exact JSON
// each answers. Our server (lib/pruvan/http) and our conformance checker
// (lib/pruvan/check) both read the contract from here.

export const PRUVAN_ENDPOINTS = ["validate", "getWorkOrders", "uploadPictures", "status"] as const;
export type PruvanEndpoint = (typeof PRUVAN_ENDPOINTS)[number];

/** The largest `payload` field we read (a survey's JSON rides in it). Over it: HTTP 413. */
export const PAYLOAD_MAX_BYTES = 4 * 1024 * 1024;
/** Deepest nesting of arrays and objects we parse: the docs' payloads nest 7 levels at most (pruvan-api-v2, getWorkOrders). */
export const PAYLOAD_MAX_DEPTH = 32;
/** pruvan-api-v2 "Limits": at most 5000 work orders per getWorkOrders answer. */
export const WORK_ORDERS_PER_ANSWER = 5000;
/** Longest single text value in a payload (notes, attributes...). */
const TEXT_MAX = 10_000;

/** Shown by Pruvan to its user as-is: end-user wording, ASCII only. */
export const MESSAGES = {
  invalidCredentials: "invalid username or password", // the doc's exact text
  disabled: "This integration is disabled in the work-order portal. Ask the office to enable it.",
  internal: "The work-order portal could not process this request. Please try again later.",
  orderMissing: "work order does not exist", // the doc's exact text
} as const;

/**
 * "{web service url}/{name}.{extension}": the customer picks the extension in Pruvan
 * (html, php, svc or none), so anything after the first dot is ignored. Names match
 * case-insensitively. Returns undefined for anything that is not one of the four.
 */
export function endpointFromName(segment: string): PruvanEndpoint | undefined {
  const name = segment.split(".")[0]!.toLowerCase();
  return PRUVAN_ENDPOINTS.find((e) => e.toLowerCase() === name);
}

// ---- payloads -------------------------------------------------------------------------

/** Credentials ride in every payload; lib/integrations/authenticate reads them unparsed. */
export const CREDENTIAL_FIELDS = ["username", "password", "token"] as const;

const pushKey = z.string().max(4096, "is too long").nullable().optional();
export const validatePayloadSchema = z.looseObject({ pushkey: pushKey });

/** null or absent = full refresh; Unix seconds (number or digits) = incremental. */
const TIMESTAMP_RULE = "must be Unix seconds or null";
const timestampSchema = z
  .union(
    [
      z.null(),
      z.number().finite().nonnegative(TIMESTAMP_RULE),
      z
        .string()
        .trim()
        .regex(/^\d{1,13}$/, TIMESTAMP_RULE),
    ],
    {
      error: TIMESTAMP_RULE,
    },
  )
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined) return null;
    const n = Number(value);
    // Seconds per the doc; a 13-digit value can only be milliseconds (year 5138 in seconds).
    const date = validDate(new Date(n > 1e11 ? n : n * 1000));
    if (!date) {
      ctx.addIssue({ code: "custom", message: TIMESTAMP_RULE }); // past the year 9999
      return z.NEVER;
    }
    return date;
  });
export const getWorkOrdersPayloadSchema = z.looseObject({ timestamp: timestampSchema });

/** A metadata value as Pruvan sends it: mostly strings, sometimes numbers or null. */
const metaText = z
  .union([z.string(), z.number(), z.boolean()], { error: "must be text" })
  .transform(String)
  .pipe(z.string().max(TEXT_MAX, `must be at most ${TEXT_MAX} characters`))
  .nullable()
  .optional();
const jsonText = z
  .union([z.string(), z.record(z.string(), z.unknown())], { error: "must be a JSON object or a JSON string" })
  .nullable()
  .optional();

const UPLOAD_TEXT_FIELDS = [
  "pictureId",
  "parentUuid",
  "key1",
  "key2",
  "key3",
  "key4",
  "key5",
  "fileExt",
  "fileName",
  "evidenceType",
  "template",
  "notes",
  "gpsAccuracy",
  "gpsLatitude",
  "gpsLongitude",
  "gpsTimestamp",
  "authenticated",
  "locationDifference",
  "csrCertifiedTime",
  "csrLocationSource",
  "csrPictureCount",
  "csrTimeStampSource",
  "csrCertifiedLocation",
  "deviceId",
  "phoneNumber",
  "status",
  "uploaderVersion",
  "batchId",
  "workDay",
  "timestamp",
  "clientCode",
  "createdBy",
  "createdBySubUser",
  "lastUpdatedBy",
  "creationDate",
  "videoUri",
  ...Array.from({ length: 30 }, (_, i) => `attribute${i + 1}` as const),
] as const;
type UploadTextField = (typeof UPLOAD_TEXT_FIELDS)[number];

/** uploadPictures metadata ("Available uploadPictures Object Fields"); unknown fields are kept. */
export const uploadPicturesPayloadSchema = z.looseObject({
  ...(Object.fromEntries(UPLOAD_TEXT_FIELDS.map((f) => [f, metaText])) as Record<UploadTextField, typeof metaText>),
  uuId: z.string({ error: "is required (the item's UUID)" }).trim().min(1, "is required (the item's UUID)").max(200, "is too long"),
  fileType: z.string({ error: "is required (picture, csr, survey, check-in or file)" }).trim().min(1, "is required").max(40, "is too long"),
  survey: jsonText,
  checkIn: jsonText,
  checkin: jsonText,
});
export type UploadMetadata = z.infer<typeof uploadPicturesPayloadSchema>;
export const FILE_TYPES = ["picture", "csr", "survey", "check-in", "file"] as const;

/** One entry of the status payload's workOrders array. */
export const statusReportSchema = z.object({
  workOrderNumber: z.string({ error: "is required" }).trim().min(1, "is required").max(200, "is too long"),
  clientStatus: z.string().max(TEXT_MAX).nullable().optional(),
  status: z
    .string()
    .nullable()
    .optional()
    .transform((value, ctx) => {
      const status = value?.trim().toLowerCase();
      if (!status) return null;
      if (!(PRUVAN_STATUSES as readonly string[]).includes(status)) {
        ctx.addIssue({ code: "custom", message: `"${value}" is not a Pruvan status` });
        return z.NEVER;
      }
      return status as PruvanStatus;
    }),
  fieldStatus: z.string().trim().max(40, "is too long").nullable().optional(),
  dueDate: z
    .union([z.string(), z.number()])
    .nullable()
    .optional()
    .transform((value, ctx) => {
      if (value === null || value === undefined || value === "") return null;
      const date = parsePruvanDate(value);
      if (!date) ctx.addIssue({ code: "custom", message: "is not a date" });
      return date;
    }),
});
export type StatusReport = z.infer<typeof statusReportSchema>;
export const statusPayloadSchema = z.looseObject({
  workOrders: z.array(z.unknown(), { error: "must be a list of work orders" }).max(5000, "may list at most 5000 work orders"),
});

/** A zod failure as one line an end user can read in Pruvan's UI. */
export function describeInvalid(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join(".")} ${i.message}` : i.message))
    .join("; ")
    .slice(0, 500);
}

// ---- answers --------------------------------------------------------------------------

export type StatusError = { workOrderNumber: string; error: string };

/** Each endpoint's answers, exactly as the doc shows them. */
export const answers = {
  validate: {
    ok: () => ({ error: "", validated: true }),
    fail: (error: string) => ({ error, validated: false }),
  },
  getWorkOrders: {
    ok: (workOrders: unknown[]) => ({ workOrders, error: "" }),
    fail: (error: string) => ({ error }),
  },
  uploadPictures: {
    ok: () => ({ status: true, error: null }),
    fail: (error: string) => ({ status: false, error }),
  },
  status: {
    ok: () => ({ status: true, error: null }),
    fail: (error: string | StatusError[]) => ({ status: false, error }),
  },
} satisfies Record<PruvanEndpoint, { ok: (...args: never[]) => unknown; fail: (error: string) => unknown }>;

/** The same shapes as schemas, strict, for the checker and the tests to hold answers to. */
export const answerSchemas = {
  validate: z.strictObject({ error: z.string(), validated: z.boolean() }),
  getWorkOrders: z.union([
    z.strictObject({ workOrders: z.array(wireWorkOrderSchema), error: z.literal("") }),
    z.strictObject({ error: z.string().min(1) }),
  ]),
  uploadPictures: z.union([
    z.strictObject({ status: z.literal(true), error: z.null() }),
    z.strictObject({ status: z.literal(false), error: z.string().min(1) }),
  ]),
  status: z.union([
    z.strictObject({ status: z.literal(true), error: z.null() }),
    z.strictObject({
      status: z.literal(false),
      error: z.union([z.string().min(1), z.array(z.strictObject({ workOrderNumber: z.string(), error: z.string() }))]),
    }),
  ]),
} satisfies Record<PruvanEndpoint, z.ZodType>;

/** Answers are ASCII (pruvan-api-v2 "General"): our messages are folded, echoed values escaped. */
export function asciiJson(value: unknown): Buffer {
  const text = answerText(value);
  // The common case, a getWorkOrders answer of several MB whose strings the serializer has
  // already folded: one native encode, and a byte count equal to the length proves it ASCII.
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length === text.length && !bytes.includes(0x7f)) return bytes;
  return Buffer.from(escapeNonAscii(text), "utf8");
}

/**
 * A value already serialized as ASCII JSON (asciiText): an answer carries its text as is (a
 * Full Refresh's stored wire of an order, lib/orders/full-refresh-wire).
 */
export class SerializedJson {
  constructor(readonly text: string) {}
}

/** A value's JSON text, `\u`-escaped outside ASCII (and DEL), as the answers go on the wire. */
export const asciiText = (value: unknown): string => escapeNonAscii(JSON.stringify(value));
const escapeNonAscii = (text: string) => text.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** JSON.stringify, but a SerializedJson (in an answer's object or array) is written as its text. */
function answerText(value: unknown): string {
  if (value instanceof SerializedJson) return value.text;
  if (Array.isArray(value))
    return value.some((v) => v instanceof SerializedJson) ? `[${value.map(answerText).join(",")}]` : JSON.stringify(value);
  if (value && typeof value === "object" && Object.values(value).some(Array.isArray)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${answerText(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** An end-user message made safe for Pruvan's UI. */
export function userMessage(text: string): string {
  return toAscii(text).replace(/\s+/g, " ").trim().slice(0, 500);
}
