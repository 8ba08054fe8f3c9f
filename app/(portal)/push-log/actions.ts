"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { discardPushJob, retryPushJob } from "@/lib/push/commands";

// The push log's writes. "Retry now" only sends again what is already due, so any staff
// member may ask for it. Discarding means Pruvan never gets that change: admins only.

const jobSchema = z.object({ jobId: z.string({ error: "is required" }).min(1, "is required") });

export const retryPushJobAction = formAction({ role: "staff", schema: jobSchema }, async ({ jobId }) => {
  await retryPushJob(jobId);
  revalidatePath("/push-log");
  return { ok: true, message: "Queued: it is sent with the next push (within seconds)." };
});

export const discardPushJobAction = formAction({ role: "admin", schema: jobSchema }, async ({ jobId }) => {
  await discardPushJob(jobId);
  revalidatePath("/push-log");
  return { ok: true, message: "Discarded: Pruvan will not get this change." };
});
