import { randomInt, randomUUID } from "node:crypto";
import type { z } from "zod";
import { answerSchemas, describeInvalid, MESSAGES, WORK_ORDERS_PER_ANSWER, type PruvanEndpoint } from "../api-wire";
import type { WireWorkOrder } from "../work-order-wire";
import { callPruvan, credentials, itemMetadata, type PruvanReply, type PruvanTarget, type Upload } from "./client";
import { jpeg, minimalPdf } from "./samples";

// The conformance checks: Pruvan's side of every web service, answered as the doc
// requires. Each check passes, fails with the reason, or is skipped when it cannot apply.

export type CheckOptions = PruvanTarget & { pushKey: string | null; order?: string; clientCode?: string };
export type CheckResult = { name: string; status: "pass" | "fail" | "skip"; detail?: string; ms: number };
export type CheckReport = {
  ok: boolean;
  url: string;
  username: string;
  order: string | null;
  uploaded: { photo?: string; survey?: string; checkIn?: string };
  checks: CheckResult[];
  summary: { passed: number; failed: number; skipped: number };
};

class Failure extends Error {}
class Skip extends Error {}
type Answer<E extends PruvanEndpoint> = z.infer<(typeof answerSchemas)[E]>;

export async function runChecks(opts: CheckOptions, onResult: (r: CheckResult) => void = () => undefined): Promise<CheckReport> {
  const checks: CheckResult[] = [];
  const check = async (name: string, run: () => Promise<string | void>) => {
    const started = performance.now();
    let result: CheckResult;
    try {
      const detail = await run();
      result = { name, status: "pass", ...(detail ? { detail } : {}), ms: 0 };
    } catch (err) {
      const status = err instanceof Skip ? "skip" : "fail";
      result = {
        name,
        status,
        detail: err instanceof Failure || err instanceof Skip ? err.message : `request failed: ${(err as Error).message}`,
        ms: 0,
      };
    }
    result.ms = Math.round(performance.now() - started);
    checks.push(result);
    onResult(result);
  };
  const creds = credentials(opts);

  await check("validate: key accepted (token + sha1 password), push key handed over", async () => {
    const a = await answer(opts, "validate", { ...creds, pushkey: opts.pushKey });
    if (a.validated !== true || a.error !== "") throw new Failure(`expected {"error":"","validated":true}, got ${JSON.stringify(a)}`);
  });
  await check("validate: sha1 password alone accepted (no token, as over http)", async () => {
    const a = await answer(opts, "validate", { ...credentials(opts, "password"), pushkey: opts.pushKey });
    if (a.validated !== true) throw new Failure(`expected validated true, got ${JSON.stringify(a)}`);
  });
  await check("validate: wrong key refused", async () => {
    const a = await answer(opts, "validate", {
      username: opts.username,
      password: "0".repeat(40),
      token: `wrong-${randomUUID()}`,
      pushkey: opts.pushKey,
    });
    if (a.validated !== false || !a.error) throw new Failure(`expected validated false with an error, got ${JSON.stringify(a)}`);
  });

  let orders: WireWorkOrder[] = [];
  await check("getWorkOrders: full refresh (timestamp null)", async () => {
    const a = await answer(opts, "getWorkOrders", { ...creds, timestamp: null });
    if (!("workOrders" in a)) throw new Failure(`expected {"workOrders":[...],"error":""}, got ${JSON.stringify(a)}`);
    orders = a.workOrders;
    checkOrders(orders);
    return `${orders.length} work orders`;
  });
  await check("getWorkOrders: incremental (timestamp 24 hours ago)", async () => {
    const a = await answer(opts, "getWorkOrders", { ...creds, timestamp: Math.floor(Date.now() / 1000) - 86_400 });
    if (!("workOrders" in a)) throw new Failure(`expected {"workOrders":[...],"error":""}, got ${JSON.stringify(a)}`);
    // An order the full refresh just carried may come as an update: its number, client status and
    // what changed since (remote-fields-and-statuses, "Not Set" updates), not a whole create.
    checkOrders(a.workOrders, new Set(orders.map((o) => o.workOrderNumber)));
    return `${a.workOrders.length} work orders`;
  });
  await check("getWorkOrders: wrong key refused", async () => {
    const a = await answer(opts, "getWorkOrders", { username: opts.username, token: `wrong-${randomUUID()}`, timestamp: null });
    if ("workOrders" in a || !a.error) throw new Failure(`expected {"error":"..."}, got ${JSON.stringify(a)}`);
  });

  const order = opts.order
    ? (orders.find((o) => o.workOrderNumber === opts.order) ?? { workOrderNumber: opts.order })
    : orders.find((o) => o.status !== "deleted");
  const key2 = order
    ? opts.clientCode
      ? `${opts.clientCode}::${order.workOrderNumber}`
      : order.workOrderNumber
    : `PRUVAN-CHECK-${randomInt(1e9)}`;
  const item = itemMetadata(opts.username, creds, key2, order);
  const uploaded: CheckReport["uploaded"] = {};
  const photo = { ...item("picture", "jpg", "before"), notes: "Front of the house" };

  await check("uploadPictures: photo (jpg)", async () => {
    await expectStored(opts, photo, {
      bytes: await jpeg("Pruvan conformance check", "#0f766e", 640, 480),
      fileName: `${photo.fileName}.jpg`,
      contentType: "image/jpeg",
    });
    uploaded.photo = photo.uuId;
    return order ? `to ${key2}` : `no order to target: ${key2} goes to the uploads inbox`;
  });
  await check("uploadPictures: same photo again is accepted once (idempotent on uuId)", async () => {
    await expectStored(opts, photo, {
      bytes: await jpeg("Pruvan conformance check", "#0f766e", 640, 480),
      fileName: `${photo.fileName}.jpg`,
      contentType: "image/jpeg",
    });
  });
  await check("uploadPictures: survey (JSON answers + pdf report)", async () => {
    const survey = {
      ...item("survey", "pdf", "Survey"),
      template: "vendor1::Simple-v1",
      survey: JSON.stringify(surveyAnswers(photo.uuId, photo.fileName)),
    };
    await expectStored(opts, survey, {
      bytes: minimalPdf(["Survey report", "What is your favorite color? Blue"]),
      fileName: `${survey.fileName}.pdf`,
      contentType: "application/pdf",
    });
    uploaded.survey = survey.uuId;
  });
  await check("uploadPictures: check-in (json file)", async () => {
    const checkIn = item("check-in", "json", "Check-in");
    const json = { checkInTime: new Date().toISOString(), status: "on site", occupancy: "vacant", source: "pruvan-check" };
    await expectStored(opts, checkIn, {
      bytes: Buffer.from(JSON.stringify(json)),
      fileName: `${checkIn.fileName}.json`,
      contentType: "application/json",
    });
    uploaded.checkIn = checkIn.uuId;
  });
  await check("uploadPictures: picture without its file refused", async () => {
    const a = await answer(opts, "uploadPictures", item("picture", "jpg", "after"));
    if (a.status !== false || !a.error) throw new Failure(`expected {"status":false,"error":"..."}, got ${JSON.stringify(a)}`);
  });

  await check("status: order status change accepted", async () => {
    if (!order) throw new Skip("no work order to report on (getWorkOrders sent none; pass --order)");
    const report = {
      workOrderNumber: key2,
      clientStatus: order.clientStatus ?? "",
      status: order.status ?? "assigned",
      fieldStatus: "in-process",
      dueDate: Math.floor(Date.now() / 1000),
    };
    const a = await answer(opts, "status", { ...creds, workOrders: [report] });
    if (a.status !== true || a.error !== null) throw new Failure(`expected {"status":true,"error":null}, got ${JSON.stringify(a)}`);
  });
  await check("status: unknown order reported per order", async () => {
    const unknown = `PRUVAN-CHECK-MISSING-${randomInt(1e9)}`;
    const a = await answer(opts, "status", {
      ...creds,
      workOrders: [{ workOrderNumber: unknown, status: "complete", fieldStatus: "complete", dueDate: Math.floor(Date.now() / 1000) }],
    });
    const errors = Array.isArray(a.error) ? a.error : [];
    if (a.status !== false || !errors.some((e) => e.workOrderNumber === unknown && e.error === MESSAGES.orderMissing)) {
      throw new Failure(
        `expected {"status":false,"error":[{"workOrderNumber":"${unknown}","error":"${MESSAGES.orderMissing}"}]}, got ${JSON.stringify(a)}`,
      );
    }
  });

  const summary = {
    passed: checks.filter((c) => c.status === "pass").length,
    failed: checks.filter((c) => c.status === "fail").length,
    skipped: checks.filter((c) => c.status === "skip").length,
  };
  return {
    ok: summary.failed === 0,
    url: opts.url,
    username: opts.username,
    order: order?.workOrderNumber ?? null,
    uploaded,
    checks,
    summary,
  };
}

/** HTTP 200, JSON (application/json or text/plain, as the doc allows), ASCII only, the endpoint's exact shape. */
async function answer<E extends PruvanEndpoint>(opts: PruvanTarget, endpoint: E, payload: object, file?: Upload): Promise<Answer<E>> {
  const reply = await callPruvan(opts, endpoint, payload, file);
  expectJson(reply);
  const parsed = answerSchemas[endpoint].safeParse(reply.json);
  if (!parsed.success)
    throw new Failure(`answer is not in the ${endpoint} shape (${describeInvalid(parsed.error)}): ${reply.text.slice(0, 300)}`);
  return parsed.data as Answer<E>;
}

function expectJson(reply: PruvanReply) {
  if (reply.status !== 200) throw new Failure(`HTTP ${reply.status} (expected 200): ${reply.text.slice(0, 300)}`);
  if (!/^(application\/json|text\/plain)\b/i.test(reply.contentType))
    throw new Failure(`Content-Type ${reply.contentType || "(none)"}: expected application/json`);
  if (reply.json === undefined) throw new Failure(`not JSON: ${reply.text.slice(0, 300)}`);
  if (/[^\x00-\x7f]/.test(reply.text)) throw new Failure("the answer contains non-ASCII characters (pruvan-api-v2 General)");
}

async function expectStored(opts: PruvanTarget, payload: object, file: Upload) {
  const a = await answer(opts, "uploadPictures", payload, file);
  if (a.status !== true || a.error !== null) throw new Failure(`expected {"status":true,"error":null}, got ${JSON.stringify(a)}`);
}

/**
 * What Pruvan needs of each order it imports (pruvan-api-v2 "Available workOrder Object Fields"):
 * a create needs the address and a service; an update of an order Pruvan already has (`received`)
 * needs only its number.
 */
function checkOrders(orders: WireWorkOrder[], received: ReadonlySet<string> = new Set()) {
  if (orders.length > WORK_ORDERS_PER_ANSWER)
    throw new Failure(`${orders.length} work orders in one answer; the limit is ${WORK_ORDERS_PER_ANSWER}`);
  const seen = new Set<string>();
  for (const o of orders) {
    if (seen.has(o.workOrderNumber)) throw new Failure(`work order ${o.workOrderNumber} is listed twice`);
    seen.add(o.workOrderNumber);
    if (o.status === "deleted" || received.has(o.workOrderNumber)) continue;
    const missing = (["address1", "city", "state", "zip"] as const).filter((f) => !o[f]);
    if (missing.length) throw new Failure(`work order ${o.workOrderNumber} lacks ${missing.join(", ")}`);
    if (!o.services?.length) throw new Failure(`work order ${o.workOrderNumber} has no services (at least one is required)`);
    if (o.dueDate !== undefined && !/^\d{4}-\d{2}-\d{2} 1200 \+0$/.test(String(o.dueDate))) {
      throw new Failure(`work order ${o.workOrderNumber}: dueDate ${o.dueDate} is not "YYYY-MM-DD 1200 +0"`);
    }
  }
}

/** The doc's "Example Survey", one answer linked to the photo by picIds. */
function surveyAnswers(photoUuId: string, photoFileName: string) {
  return {
    meta: { currentQuestionIndex: 1, surveyId: randomUUID(), parentId: "148", surveyTemplateId: "vendor1::Simple-v1" },
    answers: [
      {
        answer: ["blue"],
        id: "question1",
        picIds: [photoUuId],
        picFileNames: [`${photoFileName}.jpg`],
        question: "What is your favorite color?",
        answerType: "chooseOne",
        answerOptions: [
          { answer: "red", display: "Red" },
          { answer: "blue", display: "Blue" },
        ],
      },
    ],
  };
}
