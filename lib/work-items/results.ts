import { compareEvidenceTypes, groupBy } from "./evidence";
import type { OrderPlace, ResultItem } from "./queries";
import { parseStoredSurvey, surveyQuestionLabels, type ParsedSurvey, type SurveyAnswer } from "./survey";
import { checkInView, fileView, historyOf, photoView, serviceNameOf, type PhotoView } from "./views";

/** Groups an order's items for the detail page. Pure: the caller loads the rows. */
export function buildWorkResults(items: readonly ResultItem[], order: OrderPlace, now: Date) {
  const of = (type: string) => items.filter((i) => i.fileType === type);
  const surveyItems = of("survey");
  const parsed = new Map(surveyItems.map((i) => [i.id, parseStoredSurvey(i.survey)]));
  const questions = surveyQuestionLabels([...parsed.values()]);

  const pictures = [...of("picture")].sort(galleryOrder).map((i) => photoView(i, order, questions, now));
  const photoGroups = groupPhotos(pictures);
  const csrs = of("csr").map((i) => photoView(i, order, questions, now));
  csrs.forEach((c, n) => (c.alt = `Certified service record ${n + 1} of ${csrs.length}, ${c.serviceName}`));
  const lookup = photoLookup(items, [...pictures, ...csrs]);

  return {
    photoGroups,
    /** The lightbox sequence: gallery order, then CSRs. */
    photos: [...photoGroups.flatMap((s) => s.groups.flatMap((g) => g.photos)), ...csrs],
    csrs,
    surveys: surveyThreads(surveyItems, parsed, lookup),
    checkIns: of("check-in").map((i) => checkInView(i, order)),
    videos: pictures.filter((p) => p.video !== null),
    files: items.filter((i) => !["picture", "csr", "survey", "check-in"].includes(i.fileType)).map((i) => fileView(i, order)),
  };
}

/** Services in the order's own order, then evidence type, then the time taken. */
function galleryOrder(a: ResultItem, b: ResultItem): number {
  const pos = (i: ResultItem) => i.service?.position ?? Number.MAX_SAFE_INTEGER;
  return (
    pos(a) - pos(b) ||
    serviceNameOf(a).localeCompare(serviceNameOf(b)) ||
    compareEvidenceTypes(a.evidenceType?.trim() ?? "", b.evidenceType?.trim() ?? "") ||
    (a.creationDate ?? "").localeCompare(b.creationDate ?? "") ||
    (a.fileName ?? "").localeCompare(b.fileName ?? "") ||
    a.receivedAt.getTime() - b.receivedAt.getTime()
  );
}

function groupPhotos(sorted: PhotoView[]) {
  return [...groupBy(sorted, (p) => p.serviceName)].map(([service, photos]) => ({
    service,
    groups: [...groupBy(photos, (p) => p.evidenceType)].map(([evidenceType, list]) => {
      list.forEach((p, n) => (p.alt = altText(p, n, list.length)));
      return { evidenceType, label: list[0]!.evidenceLabel, photos: list };
    }),
  }));
}

function altText(p: PhotoView, n: number, count: number): string {
  const taken = p.takenAt ? `, taken ${p.takenAt}` : "";
  const by = p.takenBy ? ` by ${p.takenBy}` : "";
  const notes = p.notes ? `. Notes: ${p.notes}` : "";
  return `${p.evidenceLabel} photo ${n + 1} of ${count}, ${p.serviceName}${taken}${by}${notes}`;
}

/**
 * A survey answer names its photos by picIds (the doc: "pictureIds"; in practice the
 * photo's uuId) and picFileNames; all three are looked up.
 */
function photoLookup(items: readonly ResultItem[], photos: PhotoView[]) {
  const byId = new Map(photos.map((p) => [p.id, p]));
  const lookup = new Map<string, PhotoView>();
  for (const item of items) {
    const photo = byId.get(item.id);
    if (!photo) continue;
    for (const key of [
      item.uuId,
      item.pictureId,
      item.fileName,
      item.fileName && item.fileExt ? `${item.fileName}.${item.fileExt}` : null,
    ]) {
      if (key && !lookup.has(key)) lookup.set(key, photo);
    }
  }
  return lookup;
}

function linkPhotos(answer: SurveyAnswer, lookup: ReadonlyMap<string, PhotoView>) {
  if (!answer.readable) return { ...answer, photos: [], missingPhotos: [] };
  const photos = new Map<string, PhotoView>();
  const missingPhotos: string[] = [];
  answer.picIds.forEach((picId, n) => {
    const photo = lookup.get(picId) ?? lookup.get(answer.picFileNames[n] ?? "");
    if (photo) photos.set(photo.id, photo);
    else missingPhotos.push(answer.picFileNames[n] ?? picId);
  });
  for (const name of answer.picFileNames.slice(answer.picIds.length)) {
    const photo = lookup.get(name);
    if (photo) photos.set(photo.id, photo);
    else missingPhotos.push(name);
  }
  return { ...answer, photos: [...photos.values()], missingPhotos };
}

function submissionView(item: ResultItem, survey: ParsedSurvey, lookup: ReadonlyMap<string, PhotoView>) {
  const isPdf = item.storagePath !== null && (item.contentType ?? "").includes("pdf");
  return {
    id: item.id,
    uuId: item.uuId,
    surveyId: item.surveyId ?? survey.surveyId ?? item.uuId,
    templateId: survey.templateId ?? item.template,
    serviceName: serviceNameOf(item),
    takenBy: item.createdBySubUser,
    takenAt: item.creationDate,
    receivedAt: item.receivedAt,
    superseded: item.supersededAt !== null,
    readable: survey.readable,
    reportUrl: isPdf ? `/files/${item.id}` : null,
    history: historyOf(item),
    answers: survey.answers.map((a) => linkPhotos(a, lookup)),
  };
}

export type SurveySubmission = ReturnType<typeof submissionView>;

/** One thread per surveyId: the latest submission shown, republished earlier ones kept. */
function surveyThreads(items: ResultItem[], parsed: ReadonlyMap<string, ParsedSurvey>, lookup: ReadonlyMap<string, PhotoView>) {
  const submissions = items.map((i) => submissionView(i, parsed.get(i.id)!, lookup));
  const newestFirst = (a: SurveySubmission, b: SurveySubmission) =>
    Number(a.superseded) - Number(b.superseded) || b.receivedAt.getTime() - a.receivedAt.getTime();
  return [...groupBy(submissions, (s) => s.surveyId)].map(([surveyId, list]) => {
    const [latest, ...earlier] = [...list].sort(newestFirst);
    return { surveyId, latest: latest!, earlier };
  });
}

export type SurveyThread = ReturnType<typeof surveyThreads>[number];
