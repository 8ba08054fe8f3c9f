import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import type { SurveyThread } from "@/lib/work-items/results";
import { surveyHref } from "./survey-threads";
import { SurveyAnswers, SurveyFacts } from "./survey-view";

/** The chosen submission of a survey, and a list to switch between all its submissions. */
export function SurveySubmissions({ orderId, thread, selectedId }: { orderId: string; thread: SurveyThread; selectedId: string }) {
  const all = [thread.latest, ...thread.earlier];
  const selected = all.find((s) => s.id === selectedId) ?? thread.latest;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <article className="min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label="Survey answers">
        <SurveyFacts submission={selected} latest={selected.id === thread.latest.id} />
        <SurveyAnswers submission={selected} />
      </article>
      <nav
        aria-label="Submissions of this survey"
        className="rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 lg:self-start"
      >
        <h2 className="mb-2 font-semibold">Submissions ({all.length})</h2>
        <ol className="space-y-1">
          {all.map((s, n) => (
            <li key={s.id}>
              <Link
                href={surveyHref(orderId, s.id)}
                aria-current={s.id === selected.id ? "page" : undefined}
                className={`block rounded px-2 py-1 ${s.id === selected.id ? "bg-brand-50 font-semibold text-brand-700" : "text-brand-700 underline"}`}
              >
                {formatDateTime(s.receivedAt)}
                {n === 0 ? " (latest)" : ""}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
    </div>
  );
}
