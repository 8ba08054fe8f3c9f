import assert from "node:assert/strict";
import type { JobView } from "@/lib/jobs/queue";
import type { Browserless } from "./session";

/** Polls GET /jobs/{id} as a page does until the job ends; every answer seen, in order. */
export async function followJob(session: Browserless, jobId: string, everyMs = 50): Promise<JobView[]> {
  const seen: JobView[] = [];
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    const res = await session.fetch(`/jobs/${jobId}`);
    assert.equal(res.status, 200);
    const view = (await res.json()) as JobView;
    seen.push(view);
    if (view.state === "done" || view.state === "failed") return seen;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`job ${jobId} did not end`);
}
