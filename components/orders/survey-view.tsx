import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { SurveySubmission } from "@/lib/work-items/results";
import { ItemHistoryList } from "./item-history";
import { PhotoThumb } from "./photo-browser";

/** One survey submission: question / answer, with the photos each answer links to. */
export function SurveyAnswers({ submission }: { submission: SurveySubmission }) {
  if (!submission.readable) {
    return <p className="text-sm text-amber-800">The survey answers could not be read. The PDF report has them.</p>;
  }
  if (submission.answers.length === 0) return <p className="text-sm text-slate-600">No questions were answered.</p>;
  return (
    <ol className="mt-3 divide-y divide-slate-100 border-t border-slate-100">
      {submission.answers.map((a, n) =>
        a.readable ? (
          <li key={`${a.id}-${n}`} className="py-3">
            <p className="text-sm font-medium text-slate-900">
              {a.question}
              {a.answerType ? <span className="ml-2 text-xs font-normal text-slate-500">{a.answerType}</span> : null}
            </p>
            <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">
              {a.values.length ? a.values.join(", ") : <span className="text-slate-400">No answer</span>}
            </p>
            {a.photos.length ? (
              <ul className="mt-2 grid w-full max-w-md grid-cols-3 gap-2 sm:grid-cols-4">
                {a.photos.map((p) => (
                  <li key={p.id}>
                    <PhotoThumb id={p.id} src={p.urls.thumb} alt={p.alt} />
                  </li>
                ))}
              </ul>
            ) : null}
            {a.missingPhotos.length ? <p className="mt-1 text-xs text-slate-500">Not received yet: {a.missingPhotos.join(", ")}</p> : null}
          </li>
        ) : (
          <li key={`unreadable-${a.position}`} className="py-3 text-sm text-amber-800">
            Answer {a.position + 1} could not be read.
          </li>
        ),
      )}
    </ol>
  );
}

/** Template, who, when, and the PDF report of a submission. */
export function SurveyFacts({ submission, latest }: { submission: SurveySubmission; latest: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
      <span>
        Template <code className="rounded bg-slate-100 px-1 text-xs">{submission.templateId ?? "not given"}</code>
      </span>
      <span>
        {submission.takenBy ?? "unknown user"}, received {formatDateTime(submission.receivedAt)}
      </span>
      {latest ? <Badge tone="green">Latest submission</Badge> : <Badge tone="amber">Earlier submission</Badge>}
      {submission.reportUrl ? (
        <a href={submission.reportUrl} className="font-medium text-brand-700 underline">
          PDF report
        </a>
      ) : (
        <span className="text-slate-500">No PDF report received</span>
      )}
      <div className="basis-full">
        <ItemHistoryList history={submission.history} />
      </div>
    </div>
  );
}
