import { z } from "zod";
import { parseArgs, UsageError } from "@/lib/cli/command";
import { describeZodError } from "@/lib/errors";
import { runChecks, type CheckResult } from "./checks";

// npm run pruvan:check -- --url <base>/api/pruvan --username U --token T [--ext .html]
//   [--order NUMBER] [--client-code C] [--push-key URL|none] [--json]
// Plays Pruvan's side against a Pruvan API v2 implementation (ours or anyone's), like
// Pruvan's own endpoint tester. Exit 0 when every check passes, 1 on a failure, 2 on bad flags.
// It changes data like Pruvan would: validate stores the push key it sends, the uploads
// add a photo, a survey and a check-in to the order, status records a status change.

const DOC_PUSH_KEY =
  "https://direct.pruvan.com/api/?apiKey=Qc71lby4C_cQUco_YP71ey1RV7YelYNnsKqUJSgmZv1LgUlfqjB1PvTysSqUnPUQw-fdHW9K-bm8egMCr-RmhvM6CrhqB9aRFKlglk1xi6UzvdFcWZDaVp4Tl3U_adsmmFcOYqEhf5k";

const USAGE =
  "npm run pruvan:check -- --url <base>/api/pruvan --username U --token T [--ext .html] [--order NUMBER] [--client-code C] [--push-key URL|none] [--json]";

const flagsSchema = z
  .object({
    url: z.url({ error: "must be the web service URL, e.g. https://portal.example.com/api/pruvan" }),
    username: z.string({ error: "is required" }).min(1),
    token: z.string({ error: "is required (the API key)" }).min(1),
    ext: z
      .string()
      .regex(/^(\.?[A-Za-z0-9]{1,10})?$/, "must be an extension such as .html, .php or empty")
      .default(""),
    order: z.string().min(1).optional(),
    clientCode: z.string().min(1).optional(),
    pushKey: z.string().min(1).default(DOC_PUSH_KEY),
    json: z.boolean().default(false),
  })
  .strict();

async function main(argv: string[]): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  try {
    const parsed = flagsSchema.safeParse(parseArgs(argv));
    if (!parsed.success) {
      console.error(`pruvan:check: invalid flags\n${describeZodError(parsed.error).message}\nUsage: ${USAGE}`);
      return 2;
    }
    flags = parsed.data;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`pruvan:check: ${err.message}\nUsage: ${USAGE}`);
    return 2;
  }
  const print = (r: CheckResult) => {
    if (!flags.json) console.log(`${r.status.toUpperCase().padEnd(4)}  ${r.name} (${r.ms} ms)${r.detail ? `\n      ${r.detail}` : ""}`);
  };
  if (!flags.json) console.log(`Checking ${flags.url} as ${flags.username}${flags.ext ? ` (extension ${flags.ext})` : ""}\n`);
  const report = await runChecks({ ...flags, pushKey: flags.pushKey === "none" ? null : flags.pushKey }, print);
  if (flags.json) console.log(JSON.stringify(report, null, 2));
  else {
    const { passed, failed, skipped } = report.summary;
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped${report.order ? ` (order ${report.order})` : ""}`);
  }
  return report.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`pruvan:check failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
