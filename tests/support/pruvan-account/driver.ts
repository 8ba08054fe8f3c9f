import { createHash, randomUUID } from "node:crypto";
import { jpeg, minimalPdf } from "@/lib/pruvan/check/samples";
import type { Office } from "../office";
import { credsOf, post, type Creds } from "../pruvan";
import type { Answer, PushEndpoint, PushRequest } from "../pruvan-push";
import type { RunningServer } from "../server";
import { PruvanAccount, type AccountSettings, type ApplyResult } from "./account";

// A model Pruvan account (./account.ts) connected to a running portal the way Pruvan is:
// an admin creates the integration in the portal and types its key into Pruvan's setup;
// Pruvan's "Validate" hands the portal the push key; then Pruvan calls getWorkOrders (full
// and incremental imports), status and uploadPictures over HTTP (multipart, field
// `payload`, the file in `file`), and the portal's pushes reach the account through a real
// push-key endpoint (../pruvan-push.ts). Push calls can be made to fail.

/**
 * How the next push call fails: "unavailable" answers 503 and "error" 500, taking nothing;
 * "reset" drops the connection before reading it; "answer-lost" carries the call out, then
 * drops the connection before answering (the portal cannot know it arrived);
 * "slow-answer" carries it out and answers 1.5 s later (Pruvan holds what the portal does
 * not know it holds yet).
 */
export type PushFault = "unavailable" | "error" | "reset" | "answer-lost" | "slow-answer";

const SLOW_ANSWER_MS = 1500;
export type ItemKind = "photo" | "video" | "survey" | "check-in";

/** An item a crew made on a project, on the device until published (then re-publishable). */
export type DeviceItem = {
  uuId: string;
  kind: ItemKind;
  workOrderNumber: string;
  taskName: string;
  key3: string;
  /** Published versions so far (0: still queued on the device). */
  version: number;
  /** What the last publish carried, for the checks. */
  last: { key1: string; sha256: string | null; videoUri: string | null; survey: Record<string, unknown> | null } | null;
};

export type ImportOutcome = { ok: true; count: number; results: ApplyResult[] } | { ok: false; error: string; lost?: true };

let accounts = 0;

/**
 * getWorkOrders' incremental timestamp has a resolution of one second and Pruvan's imports
 * are minutes apart: tests that depend on what an incremental import leaves out start
 * their import in a second of its own.
 */
export async function nextSecond(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}

export class AccountDriver {
  readonly items = new Map<string, DeviceItem>();
  readonly faults: PushFault[] = [];
  /**
   * Imports whose answer never reaches the account (Pruvan gives up reading a slow answer,
   * the connection drops): the portal answered, the account took nothing, and its next
   * incremental import asks again from its last successful one.
   */
  lostImportAnswers = 0;
  /**
   * How long the account takes to import an answer that arrived. Pruvan's WorkOrder Manager
   * "handles this asynchronous request and logs progress" (pruvan-api-v2 "Flow"; the
   * integration shows "running" meanwhile, managing-integrations): pushes that arrive in
   * that time are carried out before the answer's orders are written.
   */
  importDelayMs = 0;
  /** Called when the portal's answer to an import arrived, before the account imports it. */
  onAnswerArrived: (() => void) | null = null;
  /** How many import answers never arrived so far. */
  answersLost = 0;
  readonly statusErrors: string[] = [];
  readonly publishErrors: string[] = [];
  /** Push-key GETs: "'push' the refresh button for your integration" (push-key.txt). */
  refreshRequests = 0;
  pushCalls = 0;
  private lastImportStart: number | null = null;
  /** When the portal's answer to the last import came back (or was dropped); before any import, when the integration was set up. */
  private lastImportAnswered: number | null = null;

  private constructor(
    readonly account: PruvanAccount,
    readonly portal: RunningServer,
    readonly endpoint: PushEndpoint,
    readonly creds: Creds,
    readonly integrationId: string,
    readonly apiKey: string,
  ) {}

  /**
   * A new account and its integration in the portal: created by an admin, then validated
   * by Pruvan, with its push key when `pushKey` (the push key is Pruvan's, per integration).
   */
  static async connect(
    portal: RunningServer,
    endpoint: PushEndpoint,
    office: Office,
    settings: AccountSettings & { username?: string; pushKey: boolean },
  ): Promise<AccountDriver> {
    const account = new PruvanAccount(settings);
    const username = settings.username ?? `acct-${process.pid}-${++accounts}-${randomUUID().slice(0, 6)}`;
    const { integrationId, apiKey: token } = await office.createIntegration({
      username,
      mode: account.settings.mode,
      autoAdmin: account.settings.autoAdmin,
      clientCode: account.settings.clientCode,
    });
    const apiKey = `push-${username}`;
    const driver = new AccountDriver(account, portal, endpoint, { username, token }, integrationId, apiKey);
    endpoint.answer(apiKey, (req) => driver.onPush(req));
    await driver.validate(settings.pushKey);
    driver.lastImportAnswered = Date.now();
    return driver;
  }

  /** The "Validate" button of Pruvan's integration setup; it hands over the push key (pruvan-api-v2 "validate"). */
  async validate(withPushKey: boolean): Promise<void> {
    const reply = await post(this.portal, "validate.html", {
      as: "multipart",
      payload: { ...credsOf(this.creds), ...(withPushKey ? { pushkey: this.endpoint.url(this.apiKey) } : {}) },
    });
    if ((reply.json as { validated?: boolean })?.validated !== true) throw new Error(`validate failed: ${reply.text}`);
  }

  get code() {
    return this.account.settings.clientCode;
  }

  // --- Imports (getWorkOrders) ----------------------------------------------------------

  /** "Full Refresh": timestamp null; the answer replaces the integration's projects. */
  fullImport(): Promise<ImportOutcome> {
    return this.runImport(null);
  }

  /**
   * "Import Orders": orders changed since the last import. The docs do not say which time
   * Pruvan sends; the model sends when its last successful import started (the time the
   * account shows as "Last Refreshed"), in Unix seconds, and 0 before any import.
   */
  incrementalImport(): Promise<ImportOutcome> {
    return this.runImport(this.lastImportStart === null ? 0 : Math.floor(this.lastImportStart / 1000));
  }

  private async runImport(timestamp: number | null): Promise<ImportOutcome> {
    await this.afterLastImportsSecond();
    const started = Date.now();
    if (timestamp !== null) this.account.incrementalAsked();
    const reply = await post(this.portal, "getWorkOrders.html", { as: "multipart", payload: { ...credsOf(this.creds), timestamp } });
    this.lastImportAnswered = Date.now();
    if (this.lostImportAnswers > 0) {
      this.lostImportAnswers--;
      this.answersLost++;
      this.account.log.push(`${timestamp === null ? "full" : "incremental"} import: the answer never arrived`);
      return { ok: false, error: "the answer never arrived", lost: true };
    }
    const answer = reply.json as { workOrders?: unknown; error?: unknown } | undefined;
    const error = typeof answer?.error === "string" ? answer.error.trim() : "";
    if (reply.status !== 200 || !answer || error || !Array.isArray(answer.workOrders)) {
      // managing-integrations: the integration's status becomes "error" and shows the message.
      const message = error || `HTTP ${reply.status}: ${reply.text.slice(0, 300)}`;
      this.account.log.push(`${timestamp === null ? "full" : "incremental"} import failed: ${message}`);
      return { ok: false, error: message };
    }
    this.onAnswerArrived?.();
    if (this.importDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.importDelayMs));
    const results = timestamp === null ? this.account.fullImport(answer.workOrders) : this.account.incrementalImport(answer.workOrders);
    if (answer.workOrders.length <= this.account.settings.perCallLimit) this.lastImportStart = started;
    await this.relayStatus();
    return { ok: true, count: answer.workOrders.length, results };
  }

  /**
   * An import starts in a later second than the one before it was answered in. Pruvan's
   * timestamp is in whole seconds, and the portal learns from it whether Pruvan read its
   * last answer (lib/orders/pull-window): an import started in the second the one before
   * it arrived in is indistinguishable from that one, so the portal takes the answer
   * between as lost and sends what it carried again, shared fields included (docs/sync.md,
   * "Limits"). Pruvan's imports are minutes apart; the model's would be milliseconds.
   * Likewise the first import starts in a later second than the integration was created in
   * (an import started before it cannot have read an answer of the portal's).
   */
  private async afterLastImportsSecond(): Promise<void> {
    const last = this.lastImportAnswered;
    if (last !== null && Math.floor(Date.now() / 1000) <= Math.floor(last / 1000)) await nextSecond();
  }

  // --- Pushes from the portal -----------------------------------------------------------

  private onPush(req: PushRequest): Answer {
    if (req.method === "GET" && !req.body) {
      this.refreshRequests++;
      return { body: JSON.stringify({ response: true, error: "success" }) };
    }
    this.pushCalls++;
    const fault = this.faults.shift();
    if (fault === "unavailable") return { status: 503, body: "Service Unavailable" };
    if (fault === "error") return { status: 500, body: "Internal Server Error" };
    if (fault === "reset") return { reset: true };
    if (!req.workOrders) return { body: JSON.stringify({ response: false, error: "workOrders is required" }) };
    const { results, overHourlyLimit } = this.account.push(req.workOrders, fault !== "answer-lost");
    if (fault === "answer-lost") return { reset: true };
    if (overHourlyLimit) {
      return {
        body: JSON.stringify({
          response: { created: 0, updated: 0, deleted: 0 },
          error: `limit of ${this.account.settings.hourlyLimit} inserts/updates per hour reached`,
        }),
      };
    }
    const count = (outcome: ApplyResult["outcome"]) => results.filter((r) => r.outcome === outcome && !r.error).length;
    const errors = results.filter((r) => r.error).map((r) => ({ workOrderNumber: r.workOrderNumber, error: r.error! }));
    return {
      body: JSON.stringify({
        response: { created: count("created"), updated: count("updated"), deleted: count("deleted") },
        error: errors.length ? errors : null,
      }),
      ...(fault === "slow-answer" ? { delayMs: SLOW_ANSWER_MS } : {}),
    };
  }

  /** The status web service: every status change waiting in the account, in one call. */
  async relayStatus(): Promise<void> {
    const reports = this.account.statusOutbox.splice(0);
    if (reports.length === 0) return;
    const reply = await post(this.portal, "status.html", { as: "multipart", payload: { ...credsOf(this.creds), workOrders: reports } });
    const answer = reply.json as { status?: boolean; error?: unknown } | undefined;
    if (reply.status !== 200 || answer?.status !== true)
      this.statusErrors.push(`${JSON.stringify(reports)} -> ${reply.text.slice(0, 300)}`);
  }

  // --- Work items: made on the device, published through uploadPictures ------------------

  /** A crew makes an item on a project's task (its first by default); it waits on the device. */
  takeItem(workOrderNumber: string, kind: ItemKind, taskName?: string): DeviceItem {
    const project = this.account.projects.get(workOrderNumber);
    if (!project) throw new Error(`the account has no project ${workOrderNumber}`);
    const task = project.tasks.find((t) => t.serviceName === (taskName ?? project.tasks[0]!.serviceName)) ?? project.tasks[0]!;
    const item: DeviceItem = {
      uuId: randomUUID(),
      kind,
      workOrderNumber,
      taskName: task.serviceName,
      key3: task.key3,
      version: 0,
      last: null,
    };
    this.items.set(item.uuId, item);
    return item;
  }

  /**
   * Publishes an item, or publishes it again: a video again gets a new link (the old one
   * expires: "To get a new link you must re-publish the video"), a survey again carries its
   * edited answers and report, a photo or check-in again is the same upload (a retry).
   * Answers whether the portal took it (`{"status":true}`).
   */
  async publish(uuId: string): Promise<boolean> {
    const item = this.items.get(uuId);
    if (!item) throw new Error(`no item ${uuId} on the device`);
    const project = this.account.projectForPublish(item.workOrderNumber);
    const version = item.version + 1;
    const upload = await this.upload(item, project.key1, version, project.values);
    const reply = await post(this.portal, "uploadPictures.html", { as: "multipart", payload: upload.payload, file: upload.file });
    const answer = reply.json as { status?: boolean } | undefined;
    if (reply.status !== 200 || answer?.status !== true) {
      this.publishErrors.push(`${item.kind} ${uuId} v${version}: ${reply.text.slice(0, 300)}`);
      return false;
    }
    if (item.last?.videoUri && item.last.videoUri !== upload.videoUri) this.endpoint.expireMedia(mediaName(item.uuId, item.version));
    item.version = version;
    item.last = { key1: project.key1, sha256: upload.sha256, videoUri: upload.videoUri, survey: upload.survey };
    return true;
  }

  private async upload(item: DeviceItem, key1: string, version: number, order: Record<string, unknown>) {
    const fresh = item.kind === "video" || item.kind === "survey" ? version : 1; // a photo's retry is byte for byte the same
    const created = new Date(Date.UTC(2026, 0, 1) + fresh * 60_000);
    let file: { bytes: Buffer; name: string; type: string };
    let videoUri: string | null = null;
    let survey: Record<string, unknown> | null = null;
    if (item.kind === "photo" || item.kind === "video") {
      file = {
        bytes: await jpeg(`${item.workOrderNumber} ${item.kind}`, "#0f766e", 64, 48),
        name: `${created.getTime()}.jpg`,
        type: "image/jpeg",
      };
      if (item.kind === "video")
        videoUri = this.endpoint.serveMedia(mediaName(item.uuId, version), fakeMp4(`${item.uuId} v${version}`), "video/mp4");
    } else if (item.kind === "survey") {
      const answer = `answer v${version}`;
      survey = {
        meta: { currentQuestionIndex: 1, surveyId: item.uuId, parentId: key1, surveyTemplateId: "vendor1::Simple-v1" },
        answers: [{ answer: [answer], id: "question1", picIds: [], picFileNames: [], question: "What did you find?", answerType: "text" }],
      };
      file = { bytes: minimalPdf(["Survey report", answer]), name: `${created.getTime()}.pdf`, type: "application/pdf" };
    } else {
      file = {
        bytes: Buffer.from(JSON.stringify({ checkInTime: "2026-01-01 09:00:00", status: "on site" })),
        name: `${created.getTime()}.json`,
        type: "application/json",
      };
    }
    const fileType = { photo: "picture", video: "picture", survey: "survey", "check-in": "check-in" }[item.kind];
    const fileExt = { photo: "jpg", video: "jpg", survey: "pdf", "check-in": "json" }[item.kind];
    // pruvan-api-v2 "Available uploadPictures Object Fields".
    const payload = {
      ...credsOf(this.creds),
      uuId: item.uuId,
      parentUuid: key1,
      pictureId: null,
      key1,
      key2: `${this.code}::${item.workOrderNumber}`,
      key3: item.key3,
      key4: item.taskName,
      key5: null,
      attribute1: order.address1 ?? null,
      attribute2: order.address2 ?? null,
      attribute3: order.city ?? null,
      attribute4: order.state ?? null,
      attribute5: order.zip ?? null,
      attribute6: order.country ?? null,
      fileType,
      fileExt,
      fileName: String(created.getTime()),
      evidenceType: item.kind === "survey" ? "Survey" : "before",
      survey: survey ? JSON.stringify(survey) : null,
      template: survey ? "vendor1::Simple-v1" : null,
      notes: null,
      gpsAccuracy: "10.0",
      gpsLatitude: "30.50881246",
      gpsLongitude: "-97.67852886",
      gpsTimestamp: String(Math.floor(created.getTime() / 1000)),
      authenticated: "1",
      locationDifference: "24",
      csrCertifiedTime: "1",
      csrCertifiedLocation: "1",
      csrLocationSource: "mobile",
      csrPictureCount: "1",
      csrTimeStampSource: "mobile",
      deviceId: "ios-model-device",
      phoneNumber: null,
      status: "approved",
      uploaderVersion: "mobile 3.12.4",
      batchId: `batch-${version}`,
      workDay: created.toISOString().slice(0, 10),
      timestamp: Math.floor(Date.now() / 1000),
      clientCode: this.code,
      createdBy: "vendor1",
      createdBySubUser: "crew1",
      lastUpdatedBy: "crew1",
      creationDate: created.toISOString().slice(0, 19).replace("T", " "),
      videoUri,
    };
    const sha256 = createHash("sha256").update(file.bytes).digest("hex");
    return { payload, file: { bytes: file.bytes, name: file.name, type: file.type }, sha256, videoUri, survey };
  }
}

const mediaName = (uuId: string, version: number) => `${uuId}-v${version}.mp4`;

/** Bytes that start like an MP4 file (an ftyp box), different for each label. */
function fakeMp4(label: string): Buffer {
  const ftyp = Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex");
  const data = Buffer.from(label);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + data.length);
  mdat.write("mdat", 4);
  return Buffer.concat([ftyp, mdat, data]);
}
