import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import type { SurveyThread } from "@/lib/work-items/results";
import { SurveyAnswers, SurveyFacts } from "./survey-view";

export const surveyHref = (orderId: string, itemId: string) => `/orders/${orderId}/surveys/${itemId}`;

/** Each survey's latest submission in full; earlier (republished) ones a link away. */
export function SurveyThreads({ orderId, threads }: { orderId: string; threads: SurveyThread[] }) {
  if (threads.length === 0) return <EmptyState title="No surveys yet" />;
  return (
    <div className="space-y-4">
      {threads.map(({ surveyId, latest, earlier }) => (
        <article key={surveyId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-900">Survey on {latest.serviceName}</h3>
            <Link href={surveyHref(orderId, latest.id)} className="text-sm font-medium text-brand-700 underline">
              Open survey view
            </Link>
          </div>
          <div className="mt-2">
            <SurveyFacts submission={latest} latest />
          </div>
          <SurveyAnswers submission={latest} />
          {earlier.length ? (
            <div className="mt-2 border-t border-slate-100 pt-2 text-sm">
              <p className="font-medium text-slate-700">Earlier submissions ({earlier.length})</p>
              <ul className="mt-1 space-y-1">
                {earlier.map((s) => (
                  <li key={s.id}>
                    <Link href={surveyHref(orderId, s.id)} className="text-brand-700 underline">
                      Submission received {formatDateTime(s.receivedAt)}
                    </Link>
                    {s.takenBy ? <span className="text-slate-500"> by {s.takenBy}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </article>
      ))}
    </div>
  );
}
