import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { endJob, startJobHere, type JobView } from "@/lib/jobs/queue";
import type { ImportReport } from "@/lib/orders/import-report";
import { fetchPage, formWithField, postForm, submitForm } from "../support/forms";
import { textOf } from "../support/html";
import { followJob } from "../support/jobs";
import { eventually } from "../support/pruvan-push";
import { makeIntegration } from "../support/orders";
import { ROOT, runCliAsync, startServer, type RunningServer } from "../support/server";
import { type Browserless, signedInStaffAndAdmin } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// Imports applied in the background (lib/orders/import-job.ts) through the Import page's
// real server actions and GET /jobs/{id}, against the production server and its job
// worker: the apply answers at once, the job reports progress while the server goes on
// answering, the job's page shows the result after a reload, two imports of one
// integration never run at once, and the CLI takes the same lane.

let server: RunningServer;
let staff: Browserless;
let alpha: { id: string; username: string };
let beta: { id: string; username: string };

before(async () => {
  server = await startServer({ env: { PUSH_WORKER: "off" } });
  useDataDir(server.dataDir);
  alpha = await makeIntegration({ mode: "internal", username: "imp-alpha" });
  beta = await makeIntegration({ mode: "internal", username: "imp-beta" });
  ({ staff } = await signedInStaffAndAdmin(server));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const csv = (prefix: string, count: number) =>
  [
    "workOrderNumber,address1,city,state,zip,services",
    ...Array.from({ length: count }, (_, i) => `${prefix}-${i},${i} Main Street,Austin,TX,78701,Lawn`),
  ].join("\n");

/** Uploads a file for its dry run; answers the apply form of its preview. */
async function preview(integrationId: string, name: string, content: string) {
  const form = formWithField(await fetchPage(staff, "/orders/import"), "integrationId");
  const res = await postForm(staff, "/orders/import", form, { integrationId, file: new File([content], name, { type: "text/csv" }) });
  assert.ok(res.text.includes("Dry run: nothing was saved yet"), res.text.slice(0, 600));
  return formWithField(res.html, "stagedId");
}

/** Posts the apply form as a browser without JavaScript does: answered with the job's address. */
async function apply(fields: Awaited<ReturnType<typeof preview>>): Promise<{ jobId: string; location: string; ms: number }> {
  const t0 = Date.now();
  const res = await submitForm(staff, "/orders/import", fields);
  const ms = Date.now() - t0;
  assert.equal(res.status, 303, await res.text());
  const location = res.headers.get("location")!;
  const jobId = new URL(location, server.url).searchParams.get("job");
  assert.ok(jobId, location);
  return { jobId, location, ms };
}

const ordersLike = (prefix: string) => db().workOrder.count({ where: { workOrderNumber: { startsWith: `${prefix}-` } } });

describe("applying an import from the page", () => {
  test("answers at once; the job shows its progress while the server answers other requests; its page shows the result after a reload", async () => {
    const fields = await preview(alpha.id, "big.csv", csv("BIG", 4000));
    const started = await apply(fields);
    const seen = await followJob(staff, started.jobId);
    const last = seen.at(-1)!;
    assert.equal(last.state, "done", last.error ?? "");
    assert.equal(last.total, 4000);
    assert.equal(last.done, 4000);
    // Answers came while the job ran, part way through: the job lets requests in between batches.
    const midway = seen.filter((v) => v.state === "running" && v.done > 0 && v.done < v.total);
    assert.ok(midway.length > 0, `no answer part way through: ${JSON.stringify(seen.map((v) => [v.state, v.done]))}`);
    assert.ok(
      seen.every((v, i) => i === 0 || v.done >= seen[i - 1]!.done),
      "progress never goes back",
    );
    const report = last.result as ImportReport;
    assert.deepEqual(report.counts, { created: 4000, updated: 0, deleted: 0, unchanged: 0, errors: 0 });
    assert.equal(await ordersLike("BIG"), 4000);

    // A reload of the job's address: the result, and the import among the recent ones.
    const page = textOf(await fetchPage(staff, started.location));
    assert.ok(page.includes("Imported big.csv: 4,000 orders changed."), page.slice(0, 1500));
    assert.match(page, /Recent imports\s*big\.csv\s*imp-alpha\s*done\s*4000 created, 0 updated, 0 deleted, 0 errors/);
  });

  test("two imports of one integration never run at once: the second waits; another integration's runs meanwhile", async () => {
    // An import of alpha that another process runs (the CLI, another instance) holds alpha's lane.
    const held = await startJobHere({ kind: "import", lane: `import:${alpha.id}`, input: {} });
    assert.ok(held, "the lane was free");
    const waiting = await apply(await preview(alpha.id, "second.csv", csv("TWO", 100)));
    const other = await apply(await preview(beta.id, "other.csv", csv("OTH", 100)));
    assert.equal((await followJob(staff, other.jobId)).at(-1)!.state, "done");
    assert.equal(await ordersLike("OTH"), 100);
    const meanwhile = (await (await staff.fetch(`/jobs/${waiting.jobId}`)).json()) as JobView;
    assert.equal(meanwhile.state, "queued", "alpha's second import waits while alpha's lane is held");
    assert.equal(await ordersLike("TWO"), 0);
    await endJob(held.id, { result: null });
    assert.equal((await followJob(staff, waiting.jobId)).at(-1)!.state, "done");
    assert.equal(await ordersLike("TWO"), 100);

    // Two imports from the page back to back: the worker runs two jobs at once, but these one after the other.
    const previews = [await preview(alpha.id, "third.csv", csv("THR", 1500)), await preview(alpha.id, "fourth.csv", csv("FOU", 100))];
    const started = [await apply(previews[0]!), await apply(previews[1]!)];
    await Promise.all(started.map((j) => followJob(staff, j.jobId)));
    const [a, b] = await Promise.all(started.map((j) => db().job.findUniqueOrThrow({ where: { id: j.jobId } })));
    assert.ok(
      b!.startedAt! >= a!.finishedAt!,
      `the second started ${b!.startedAt!.toISOString()}, the first finished ${a!.finishedAt!.toISOString()}`,
    );
    assert.deepEqual([await ordersLike("THR"), await ordersLike("FOU")], [1500, 100]);
    for (const j of [a!, b!]) assert.equal(j.content, null, "the file is dropped with the job's end");
  });

  test("a job's page for no such job says so", async () => {
    const page = textOf(await fetchPage(staff, "/orders/import?job=nosuchjob0000"));
    assert.ok(page.includes("No such import"), page.slice(0, 800));
    assert.ok(textOf(await fetchPage(staff, "/orders/import?job=%3Cscript%3E")).includes("No such import"));
  });
});

describe("orders:import on the command line", () => {
  test("is refused while an import of the integration runs, and applies its file as a job of the same lane once it has ended", async () => {
    const file = path.join(server.dataDir, "cli.csv");
    writeFileSync(file, csv("CLI", 300));
    const held = await startJobHere({ kind: "import", lane: `import:${alpha.id}`, input: {} });
    assert.ok(held, "the lane was free");
    const refused = await runCliAsync(["orders:import", file, "--integration", alpha.username], server.env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Another import of imp-alpha is running/);
    assert.equal(await ordersLike("CLI"), 0);

    await endJob(held.id, { result: null });
    const done = await runCliAsync(["orders:import", file, "--integration", alpha.username], server.env);
    assert.equal(done.code, 0, done.stderr);
    const result = done.json() as { created: number; errors: unknown[] };
    assert.equal(result.created, 300);
    assert.equal(await ordersLike("CLI"), 300);
    const job = await db().job.findFirstOrThrow({
      where: { lane: `import:${alpha.id}`, id: { not: held.id } },
      orderBy: { createdAt: "desc" },
    });
    assert.equal(job.state, "done");
    assert.deepEqual((job.result as ImportReport).counts, { created: 300, updated: 0, deleted: 0, unchanged: 0, errors: 0 });
  });

  test("shows its progress on a terminal only", async () => {
    const file = path.join(server.dataDir, "tty.csv");
    writeFileSync(file, csv("TTY", 250));
    const cmd = `node_modules/.bin/tsx lib/cli/main.ts orders:import ${file} --integration ${beta.username}`;
    // util-linux `script` runs the command on a pseudo-terminal, as a person at a terminal would.
    const onTerminal = spawnSync("script", ["-qec", cmd, "/dev/null"], {
      cwd: ROOT,
      env: { ...process.env, ...server.env },
      encoding: "utf8",
    });
    assert.equal(onTerminal.status, 0, onTerminal.stdout);
    assert.match(onTerminal.stdout, /Importing: 250 of 250 rows \(100%\)/);
    assert.match(onTerminal.stdout, /"created": 250/);
    writeFileSync(file, csv("PIPE", 250));
    const piped = await runCliAsync(["orders:import", file, "--integration", beta.username], server.env);
    assert.equal(piped.code, 0, piped.stderr);
    assert.doesNotMatch(piped.stdout + piped.stderr, /Importing:/);
    assert.equal((piped.json() as { created: number }).created, 250);
  });
});

describe("a shutdown mid-import", () => {
  test("SIGTERM: the import stops between batches and is queued again at once; the next server finishes it, every row once", async () => {
    const rows = 20_000;
    const { jobId } = await apply(await preview(beta.id, "cut.csv", csv("CUT", rows)));
    const job = () => db().job.findUniqueOrThrow({ where: { id: jobId } });
    await eventually(async () => {
      const j = await job();
      return j.state === "running" && j.done > 0;
    }, "the import under way");
    await server.stop("SIGTERM");

    const stopped = await job();
    assert.equal(stopped.state, "queued", "queued again at once, not left running until its lease runs out");
    assert.equal(stopped.leaseUntil, null);
    assert.equal(stopped.runningLane, null, "its lane is free");
    assert.equal(stopped.attempts, 0, "a stop is not one of its attempts");
    assert.ok(stopped.done > 0 && stopped.done < rows, `stopped part way: ${stopped.done} of ${rows}`);

    server = await startServer({ dataDir: server.dataDir, env: { PUSH_WORKER: "off", DATABASE_URL: server.env.DATABASE_URL! } });
    await eventually(async () => (await job()).state === "done", "finished by the next server", 300_000);
    assert.equal(await ordersLike("CUT"), rows);
    const { counts } = (await job()).result as ImportReport;
    assert.equal(counts.created + counts.unchanged, rows, JSON.stringify(counts));
    assert.equal(counts.errors, 0);
  });
});
