import { z } from "zod";

// Reading a stored survey (WorkItem.survey) for display. The shape is the doc's
// "The survey Object": {meta:{surveyId,parentId,surveyTemplateId}, answers:[...]}.
// Stored data came from outside, so it is parsed leniently, one answer at a time: a
// malformed answer is shown as unreadable instead of hiding the whole survey.

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const idText = z.union([z.string(), z.number()]).transform(String);

const answerSchema = z.object({
  id: idText.optional(),
  question: z.string().optional(),
  answer: z.union([z.array(z.unknown()), scalar, z.null()]).optional(),
  answerType: z.string().optional(),
  answerOptions: z
    .array(z.object({ answer: scalar.optional(), display: scalar.optional() }))
    .optional()
    .catch(undefined),
  picIds: z.array(idText).optional().catch(undefined),
  picFileNames: z.array(z.string()).optional().catch(undefined),
});

const storedSurveySchema = z.object({
  meta: z
    .object({ surveyId: idText.optional(), parentId: idText.optional(), surveyTemplateId: z.string().optional() })
    .optional()
    .catch(undefined),
  answers: z.array(z.unknown()).optional().catch(undefined),
});

export type SurveyAnswer =
  | { readable: true; id: string; question: string; answerType: string | null; values: string[]; picIds: string[]; picFileNames: string[] }
  | { readable: false; position: number };

export type ParsedSurvey = {
  readable: boolean;
  surveyId: string | null;
  parentId: string | null;
  templateId: string | null;
  answers: SurveyAnswer[];
};

/** A stored survey, ready to render; never throws. */
export function parseStoredSurvey(value: unknown): ParsedSurvey {
  const parsed = storedSurveySchema.safeParse(typeof value === "string" ? safeJson(value) : value);
  if (!parsed.success) return { readable: false, surveyId: null, parentId: null, templateId: null, answers: [] };
  const { meta, answers = [] } = parsed.data;
  return {
    readable: true,
    surveyId: meta?.surveyId ?? null,
    parentId: meta?.parentId ?? null,
    templateId: meta?.surveyTemplateId ?? null,
    answers: answers.map(toAnswer),
  };
}

function toAnswer(raw: unknown, position: number): SurveyAnswer {
  const a = answerSchema.safeParse(raw);
  if (!a.success) return { readable: false, position };
  const options = new Map((a.data.answerOptions ?? []).map((o) => [String(o.answer), o.display]));
  const given = a.data.answer;
  const list = Array.isArray(given) ? given : given === undefined || given === null ? [] : [given];
  return {
    readable: true,
    id: a.data.id ?? `#${position + 1}`,
    question: a.data.question?.trim() || a.data.id || `Question ${position + 1}`,
    answerType: a.data.answerType ?? null,
    // A choice answer is shown with the template's display text for it.
    values: list.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(options.get(String(v)) ?? v))),
    picIds: a.data.picIds ?? [],
    picFileNames: a.data.picFileNames ?? [],
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** question id -> question text, to label photos whose evidenceType is a question id. */
export function surveyQuestionLabels(surveys: readonly ParsedSurvey[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const s of surveys) {
    for (const a of s.answers) if (a.readable && !labels.has(a.id)) labels.set(a.id, a.question);
  }
  return labels;
}
