import { FONT, INK, PageFlow } from "@/lib/reports/pdf-layout";

// The survey report Pruvan sends beside a survey's JSON answers (pruvan-api-v2 Pruvan
// Surveys: "a standard survey report in .pdf format"), drawn for the demo crew's survey.

export type SurveyPdfAnswer = { question: string; answer: string; photos: number };

export async function drawSurveyPdf(survey: {
  template: string;
  orderLabel: string;
  takenBy: string;
  takenAt: string;
  answers: SurveyPdfAnswer[];
}): Promise<Buffer> {
  const flow = new PageFlow(
    { title: `Survey ${survey.template}`, subject: survey.orderLabel, author: "Pruvan (demo crew)" },
    () => `Survey ${survey.template} · ${survey.orderLabel}`,
  );
  const chunks: Buffer[] = [];
  flow.doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => flow.doc.on("end", resolve).on("error", reject));
  flow.heading(`Survey report: ${survey.template}`);
  flow.text(`${survey.orderLabel} · completed by ${survey.takenBy} on ${survey.takenAt}`, { size: 9, color: INK.muted, gap: 14 });
  survey.answers.forEach((a, i) => {
    flow.text(`${i + 1}. ${a.question}`, { font: FONT.bold, size: 10.5, gap: 2 });
    flow.text(a.answer, { size: 10.5, x: flow.left + 14, width: flow.width - 14, gap: 2 });
    if (a.photos)
      flow.text(`${a.photos} photo${a.photos === 1 ? "" : "s"} attached`, { size: 8.5, color: INK.muted, x: flow.left + 14, gap: 0 });
    flow.y += 10;
  });
  flow.doc.end();
  await ended;
  return Buffer.concat(chunks);
}
