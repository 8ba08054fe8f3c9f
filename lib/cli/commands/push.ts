import { z } from "zod";
import { loadOrderIntegration } from "@/lib/orders/manage";
import { discardPushJob, requestRefresh, retryPushJob } from "@/lib/push/manage";
import { listPushJobs, pushJobFiltersSchema } from "@/lib/push/queries";
import { drainPushQueue } from "@/lib/push/worker";
import { command } from "../command";

const jobId = z.string({ error: "is required" }).min(1, "is required");

export const pushCommands = [
  command({
    name: "push:run",
    summary: "Send every push job that is due now, then exit (cron-style; the server's worker does the same)",
    usage: "push:run",
    flags: z.object({}).strict(),
    run: () => drainPushQueue(),
  }),
  command({
    name: "push:list",
    summary: "List push jobs, newest first",
    usage: "push:list [--state pending|sending|delivered|dead|discarded] [--integration U] [--take N]",
    flags: pushJobFiltersSchema
      .pick({ state: true, kind: true, take: true })
      .extend({ integration: z.string().min(1).optional() })
      .strict(),
    run: async ({ integration, ...f }) =>
      listPushJobs({ ...f, integrationId: integration ? (await loadOrderIntegration(integration)).id : undefined }),
  }),
  command({
    name: "push:retry",
    summary: "Send a dead or waiting push job again now",
    usage: "push:retry JOB_ID",
    positional: "id",
    flags: z.object({ id: jobId }).strict(),
    run: (f) => retryPushJob(f.id),
  }),
  command({
    name: "push:discard",
    summary: "Drop a pending or dead push job",
    usage: "push:discard JOB_ID",
    positional: "id",
    flags: z.object({ id: jobId }).strict(),
    run: (f) => discardPushJob(f.id),
  }),
  command({
    name: "push:refresh",
    summary: "Ask Pruvan to import this integration's orders now (push key called without orders)",
    usage: "push:refresh --integration U",
    flags: z.object({ integration: z.string({ error: "is required" }).min(1) }).strict(),
    run: async (f) => requestRefresh((await loadOrderIntegration(f.integration)).id),
  }),
];
