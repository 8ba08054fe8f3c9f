import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { checkboxField } from "@/lib/form-fields";
import { propertyReport } from "@/lib/reports/property-report";
import { command } from "../command";
import { orderId } from "./orders";

export const reportCommands = [
  command({
    name: "orders:report",
    summary: "Write an order's property report (PDF): approved photos only unless --all-photos",
    usage: "orders:report NUMBER --out FILE [--all-photos]",
    positional: "number",
    flags: z
      .object({
        number: z.string({ error: "is required (the work order number)" }).min(1),
        out: z.string({ error: "is required (the PDF file to write)" }).min(1),
        allPhotos: checkboxField.optional(),
      })
      .strict(),
    run: async (f) => {
      const report = await propertyReport(await orderId(f.number), { allPhotos: f.allPhotos ?? false, generatedBy: "the command line" });
      if (!report) throw new Error(`order ${f.number} disappeared`);
      // Written beside the target and renamed when complete: a failed run leaves no half PDF.
      const partial = `${f.out}.partial`;
      try {
        await pipeline(report.stream, createWriteStream(partial));
        await rename(partial, f.out);
      } finally {
        await rm(partial, { force: true });
      }
      const summary = await report.done;
      return { file: f.out, bytes: (await stat(f.out)).size, ...summary, allPhotos: f.allPhotos ?? false };
    },
  }),
];
