"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { discardPushJob, retryPushJob } from "@/lib/push/manage";

// The push log's writes. "Retry now" only sends again what is already due, so any staff
// member may ask for it. Discarding means Pruvan never gets that change: admins only.
// Each ends back on the list it came from, which names the job it handled: the job may
// have left that list (a dead job retried is dead no more), so the page says what became of it.

const jobSchema = z.object({
  jobId: z.string({ error: "is required" }).min(1, "is required"),
  back: z
    .string()
    .regex(/^\/push-log(\?[^#]*)?$/)
    .catch("/push-log"),
});

function backTo(back: string, done: "retried" | "discarded", jobId: string): never {
  revalidatePath("/push-log");
  const url = new URL(back, "http://portal");
  url.searchParams.delete("retried");
  url.searchParams.delete("discarded");
  url.searchParams.set(done, jobId);
  redirect(`${url.pathname}${url.search}`);
}

export const retryPushJobAction = formAction({ role: "staff", schema: jobSchema }, async ({ jobId, back }) => {
  await retryPushJob(jobId);
  backTo(back, "retried", jobId);
});

export const discardPushJobAction = formAction({ role: "admin", schema: jobSchema }, async ({ jobId, back }) => {
  await discardPushJob(jobId);
  backTo(back, "discarded", jobId);
});
