import { z } from "zod";
import { config } from "@/lib/config";
import { playDemoCrew } from "@/lib/demo/crew";
import { seedDemo } from "@/lib/demo/seed";
import { command } from "../command";

export const demoCommands = [
  command({
    name: "demo:seed",
    summary: "Create the demo admin and a few demo orders, once (no-op when users exist)",
    usage: "demo:seed",
    flags: z.object({}).strict(),
    run: () => seedDemo(),
  }),
  command({
    name: "demo:crew",
    summary: "Play a crew through the running portal's Pruvan API: photos, a survey, a check-in and statuses on the demo orders",
    usage: "demo:crew [--url http://127.0.0.1:3000/api/pruvan] [--wait SECONDS]",
    flags: z
      .object({
        url: z.url({ error: "must be the portal's Pruvan API URL, e.g. http://127.0.0.1:3000/api/pruvan" }).optional(),
        wait: z.coerce.number().int().min(0).max(600).default(0),
      })
      .strict(),
    run: async (f) => {
      const url = f.url ?? `${config().publicUrl}/api/pruvan`;
      const result = await playDemoCrew({ url, waitSeconds: f.wait, log: (line) => console.error(line) });
      const first = result.visits.find((v) => v.photos > 0);
      return {
        ...result,
        open: first
          ? `Open order ${first.workOrderNumber} in the portal: photos, survey, timeline and "Report (PDF)".`
          : "No demo order to work on.",
      };
    },
  }),
];
