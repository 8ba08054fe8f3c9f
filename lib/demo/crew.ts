import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { withTemporaryKey } from "@/lib/integrations/manage";
import { reviewPhotos } from "@/lib/photo-review/manage";
import { answerSchemas, type PruvanEndpoint } from "@/lib/pruvan/api-wire";
import { callPruvan, credentials, itemMetadata, type PruvanTarget, type Upload } from "@/lib/pruvan/check/client";
import type { WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { drawDemoPhoto, type Condition, type Scene } from "./photos";
import { DEMO_INTEGRATION } from "./seed";
import { drawSurveyPdf } from "./survey-pdf";

// The demo crew: plays Pruvan's side through the running portal's real Pruvan API (the
// conformance checker's client), the way a crew's phone and Pruvan's relay would: pulls the
// demo orders, checks in, publishes photos before / during / after with GPS, a survey with
// photos on its questions and its PDF, and reports status changes. Then the office reviews
// the finished order, so that its report has approved photos to show.

type Shot = {
  service: string;
  scene: Scene;
  condition: Condition;
  title: string;
  evidenceType?: string;
  notes?: string;
  certifiedLocation?: boolean;
};
type SurveyQuestion = { id: string; question: string; answer: string; options?: string[]; photo?: Shot };
type Visit = {
  number: string;
  crew: string;
  shots: Shot[];
  survey?: { service: string; template: string; questions: SurveyQuestion[] };
  statuses: { status: string; fieldStatus: string }[];
  /** What the office decides once the crew is done (photo titles it rejects, with why). */
  review?: { reject: Record<string, string> };
};

const LAWN = "Lawn Maintenance";
const EXTERIOR = "Exterior Photos";
export const DEMO_SURVEY_TEMPLATE = "demo::Exterior-Condition-v1";

const VISITS: Visit[] = [
  {
    number: "DEMO-1001",
    crew: "mruiz",
    shots: [
      {
        service: LAWN,
        scene: "front",
        condition: "before",
        title: "Front yard - before",
        notes: "Grass 8-10 in., boxes and a bag by the walk",
      },
      { service: LAWN, scene: "yard", condition: "before", title: "Back yard - before" },
      { service: LAWN, scene: "yard", condition: "during", title: "Back yard - mowing", certifiedLocation: false },
      { service: LAWN, scene: "front", condition: "after", title: "Front yard - after", notes: "Cut, edged, debris hauled" },
      { service: LAWN, scene: "yard", condition: "after", title: "Back yard - after" },
      { service: EXTERIOR, scene: "address", condition: "before", title: "House number" },
      { service: EXTERIOR, scene: "front", condition: "after", title: "Front elevation" },
    ],
    survey: {
      service: EXTERIOR,
      template: DEMO_SURVEY_TEMPLATE,
      questions: [
        { id: "question1", question: "Is the property occupied?", answer: "vacant", options: ["occupied", "vacant", "unknown"] },
        {
          id: "question2",
          question: "Condition of the fence",
          answer: "fair",
          options: ["good", "fair", "poor"],
          photo: { service: EXTERIOR, scene: "fence", condition: "before", title: "Fence, north side", notes: "Two boards broken" },
        },
        {
          id: "question3",
          question: "Condition of the roof",
          answer: "poor",
          options: ["good", "fair", "poor"],
          photo: { service: EXTERIOR, scene: "roof", condition: "before", title: "Roof, north slope", notes: "Moss, missing shingles" },
        },
        { id: "question4", question: "Grass height before the cut (inches)", answer: "9" },
        {
          id: "question5",
          question: "Comments",
          answer: "Front and back yard cut, edged and bagged; boxes and one bag of debris hauled away. Roof needs a bid.",
        },
      ],
    },
    statuses: [
      { status: "assigned", fieldStatus: "viewed" },
      { status: "assigned", fieldStatus: "in-process" },
      { status: "complete", fieldStatus: "complete" },
    ],
    review: { reject: { "Fence, north side": "Taken from too far to see the broken boards; retake close up" } },
  },
  {
    number: "DEMO-1002",
    crew: "tnguyen",
    shots: [
      { service: "Winterization", scene: "front", condition: "before", title: "Front - on arrival" },
      { service: "Winterization", scene: "address", condition: "before", title: "House number" },
    ],
    statuses: [
      { status: "assigned", fieldStatus: "viewed" },
      { status: "assigned", fieldStatus: "in-process" },
    ],
  },
  { number: "DEMO-1003", crew: "mruiz", shots: [], statuses: [{ status: "assigned", fieldStatus: "viewed" }] },
];

export type CrewOptions = { url: string; waitSeconds?: number; log?: (line: string) => void };
export type CrewVisit = {
  workOrderNumber: string;
  photos: number;
  surveys: number;
  checkIns: number;
  statusReports: number;
  approved: number;
  rejected: number;
};

/** Plays the visits against the portal at `url` (its Pruvan API base, e.g. http://127.0.0.1:3000/api/pruvan). */
export async function playDemoCrew(opts: CrewOptions): Promise<{ visits: CrewVisit[] }> {
  const log = opts.log ?? (() => undefined);
  await waitForPortal(opts.url, opts.waitSeconds ?? 0);
  const integration = await db().integration.findUnique({ where: { username: DEMO_INTEGRATION }, select: { clientCode: true } });
  if (!integration) throw new DomainError(`No "${DEMO_INTEGRATION}" integration: run demo:seed first.`);
  return withTemporaryKey(DEMO_INTEGRATION, async (token) => {
    const target: PruvanTarget = { url: opts.url, ext: "", username: DEMO_INTEGRATION, token };
    const creds = credentials(target);
    await call(target, "validate", { ...creds, pushkey: null });
    const pulled = await call(target, "getWorkOrders", { ...creds, timestamp: null });
    const orders = "workOrders" in pulled ? pulled.workOrders : [];
    log(`Pulled ${orders.length} work orders as Pruvan would.`);
    const visits: CrewVisit[] = [];
    for (const visit of VISITS) {
      const order = orders.find((o) => o.workOrderNumber === visit.number && o.status !== "deleted");
      if (!order) continue;
      const key2 = integration.clientCode ? `${integration.clientCode}::${order.workOrderNumber}` : order.workOrderNumber;
      visits.push(await playVisit(target, creds, key2, order, visit, log));
    }
    return { visits };
  });
}

async function waitForPortal(url: string, seconds: number) {
  const health = `${new URL(url).origin}/api/health`;
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      if ((await fetch(health, { signal: AbortSignal.timeout(5000) })).ok) return;
    } catch {
      // not listening (yet)
    }
    if (Date.now() >= deadline)
      throw new DomainError(
        `Cannot reach the portal at ${new URL(url).origin}: is it running (npm run up)? Pass --url to name another address.`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

type Answer<E extends PruvanEndpoint> = ReturnType<(typeof answerSchemas)[E]["parse"]>;

/** One call as Pruvan makes it; anything but the contract's success answer stops the crew with the portal's words. */
async function call<E extends PruvanEndpoint>(target: PruvanTarget, endpoint: E, payload: object, file?: Upload): Promise<Answer<E>> {
  const reply = await callPruvan(target, endpoint, payload, file);
  const parsed = answerSchemas[endpoint].safeParse(reply.json);
  const data = (parsed.success ? parsed.data : {}) as { validated?: boolean; workOrders?: unknown; status?: boolean };
  const ok = data.validated === true || data.workOrders !== undefined || data.status === true;
  if (!ok) throw new DomainError(`The portal refused the demo crew's ${endpoint} (HTTP ${reply.status}): ${reply.text.slice(0, 300)}`);
  return parsed.data as Answer<E>;
}

/** Deterministic per order and scene: a before and an after photo of one scene show the same house. */
const seedOf = (text: string) => [...text].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

async function playVisit(
  target: PruvanTarget,
  creds: Record<string, string>,
  key2: string,
  order: WireWorkOrder,
  visit: Visit,
  log: (line: string) => void,
): Promise<CrewVisit> {
  const item = itemMetadata(target.username, creds, key2, order);
  const home = { lat: Number(order.gpsLatitude ?? 30.50881246), lon: Number(order.gpsLongitude ?? -97.67852886) };
  const houseNumber = /^\d+/.exec(order.address1 ?? "")?.[0] ?? "1";
  const batchId = `demo-${randomUUID()}`;
  // The visit happened this morning, a few minutes per photo.
  let clock = Date.now() - 3 * 3600_000;
  const tick = (minutes: number) => new Date((clock += minutes * 60_000));
  const device = (at: Date) => at.toISOString().slice(0, 19).replace("T", " ");
  const place = (n: number) => {
    const lat = home.lat + Math.sin(n * 2.1) * 0.00012;
    const lon = home.lon + Math.cos(n * 1.7) * 0.00012;
    const feet = Math.round(Math.hypot((lat - home.lat) * 364_000, (lon - home.lon) * 364_000 * Math.cos((home.lat * Math.PI) / 180)));
    return {
      gpsLatitude: lat.toFixed(8),
      gpsLongitude: lon.toFixed(8),
      gpsAccuracy: (4 + (n % 5) * 1.5).toFixed(1),
      locationDifference: String(feet),
    };
  };
  // key3 is Pruvan's task id: one per service of the order.
  const task = (service: string) => ({ key4: service, key3: `${item("picture", "jpg", "").key1}-${seedOf(service)}` });
  const common = (at: Date, n: number) => ({
    ...place(n),
    creationDate: device(at),
    fileName: String(at.getTime()),
    gpsTimestamp: String(Math.floor(at.getTime() / 1000)),
    workDay: device(at).slice(0, 10),
    createdBySubUser: visit.crew,
    batchId,
    timestamp: Math.floor(Date.now() / 1000),
  });
  const report = (s: Visit["statuses"][number]) =>
    call(target, "status", {
      ...creds,
      workOrders: [
        {
          workOrderNumber: key2,
          clientStatus: order.clientStatus ?? "",
          status: s.status,
          fieldStatus: s.fieldStatus,
          dueDate: order.dueDate ?? null,
        },
      ],
    });
  const done: CrewVisit = { workOrderNumber: visit.number, photos: 0, surveys: 0, checkIns: 0, statusReports: 0, approved: 0, rejected: 0 };
  const [first, ...laterStatuses] = visit.statuses;
  if (first) {
    await report(first);
    done.statusReports++;
  }
  if (visit.shots.length === 0) return done;

  const checkInAt = tick(0);
  const checkIn = { ...item("check-in", "json", "Check-in"), ...common(checkInAt, 0), ...task(visit.shots[0]!.service) };
  const checkInFile = {
    checkInTime: device(checkInAt),
    status: "on site",
    occupancy: "vacant",
    gateLocked: true,
    weather: "clear",
    crew: visit.crew,
  };
  await call(target, "uploadPictures", checkIn, {
    bytes: Buffer.from(JSON.stringify(checkInFile)),
    fileName: `${checkIn.fileName}.json`,
    contentType: "application/json",
  });
  done.checkIns++;
  const inProcess = laterStatuses.shift();
  if (inProcess) {
    await report(inProcess);
    done.statusReports++;
  }

  const published = new Map<string, { uuId: string; fileName: string }>();
  const publish = async (shot: Shot, evidenceType: string) => {
    const at = tick(3);
    const n = published.size + 1;
    const meta = {
      ...item("picture", "jpg", evidenceType),
      ...common(at, n),
      ...task(shot.service),
      notes: shot.notes ?? null,
      csrCertifiedLocation: shot.certifiedLocation === false ? null : "1",
    };
    const bytes = await drawDemoPhoto({
      scene: shot.scene,
      condition: shot.condition,
      seed: seedOf(`${visit.number}/${shot.scene}`),
      houseNumber,
      title: `${shot.title} · ${shot.service}`,
      stamp: `${visit.number} · ${order.address1}, ${order.city}, ${order.state} · ${device(at).slice(0, 16)} · ${visit.crew}`,
    });
    await call(target, "uploadPictures", meta, { bytes, fileName: `${meta.fileName}.jpg`, contentType: "image/jpeg" });
    published.set(shot.title, { uuId: meta.uuId, fileName: `${meta.fileName}.jpg` });
    done.photos++;
  };
  for (const shot of visit.shots) await publish(shot, shot.condition);
  if (visit.survey) {
    for (const q of visit.survey.questions) if (q.photo) await publish(q.photo, q.id); // photos on a question carry its id (pruvan-api-v2 evidenceType)
    await publishSurvey(
      target,
      visit,
      visit.survey,
      { ...item("survey", "pdf", "Survey"), ...common(tick(4), 0), ...task(visit.survey.service) },
      published,
      order,
    );
    done.surveys++;
  }
  for (const s of laterStatuses) {
    await report(s);
    done.statusReports++;
  }
  log(
    `${visit.number}: ${done.photos} photos, ${done.surveys} survey, ${done.checkIns} check-in, ${done.statusReports} status reports (crew ${visit.crew}).`,
  );
  if (visit.review) Object.assign(done, await officeReview(visit, published));
  return done;
}

async function publishSurvey(
  target: PruvanTarget,
  visit: Visit,
  survey: NonNullable<Visit["survey"]>,
  meta: ReturnType<ReturnType<typeof itemMetadata>> & { creationDate: string },
  published: Map<string, { uuId: string; fileName: string }>,
  order: WireWorkOrder,
) {
  const answers = survey.questions.map((q) => {
    const photo = q.photo ? published.get(q.photo.title) : undefined;
    return {
      id: q.id,
      question: q.question,
      answer: [q.answer],
      answerType: q.options ? "chooseOne" : "text",
      ...(q.options ? { answerOptions: q.options.map((o) => ({ answer: o, display: o.charAt(0).toUpperCase() + o.slice(1) })) } : {}),
      picIds: photo ? [photo.uuId] : [],
      picFileNames: photo ? [photo.fileName] : [],
    };
  });
  const json = {
    meta: { currentQuestionIndex: answers.length, surveyId: randomUUID(), parentId: meta.key1, surveyTemplateId: survey.template },
    answers,
  };
  const pdf = await drawSurveyPdf({
    template: survey.template,
    orderLabel: `${visit.number}, ${order.address1}, ${order.city}, ${order.state}`,
    takenBy: visit.crew,
    takenAt: meta.creationDate,
    answers: survey.questions.map((q) => ({ question: q.question, answer: q.answer, photos: q.photo ? 1 : 0 })),
  });
  await call(
    target,
    "uploadPictures",
    { ...meta, template: survey.template, survey: JSON.stringify(json) },
    { bytes: pdf, fileName: `${meta.fileName}.pdf`, contentType: "application/pdf" },
  );
}

/** The office's review of a finished visit: every photo approved but those it rejects, as the first admin. */
async function officeReview(visit: Visit, published: Map<string, { uuId: string }>) {
  const admin = await db().user.findFirst({
    where: { role: "admin", disabledAt: null },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true },
  });
  const order = await db().workOrder.findUnique({ where: { workOrderNumber: visit.number }, select: { id: true } });
  if (!admin || !order) return { approved: 0, rejected: 0 };
  const items = await db().workItem.findMany({
    where: { uuId: { in: [...published.values()].map((p) => p.uuId) } },
    select: { id: true, uuId: true },
  });
  const idOf = new Map(items.map((i) => [i.uuId, i.id]));
  const rejected = new Map(
    Object.entries(visit.review?.reject ?? {}).map(([title, why]) => [idOf.get(published.get(title)?.uuId ?? ""), why]),
  );
  const approve = items.map((i) => i.id).filter((id) => !rejected.has(id));
  let approvedCount = 0;
  if (approve.length)
    approvedCount = (
      await reviewPhotos({ orderId: order.id, decision: "approved", photoIds: approve, note: undefined, service: undefined }, admin)
    ).changed;
  for (const [id, note] of rejected)
    if (id) await reviewPhotos({ orderId: order.id, decision: "rejected", photoIds: [id], note, service: undefined }, admin);
  return { approved: approvedCount, rejected: rejected.size };
}
