// Loads test data into the data folder named by DATA_DIR (the e2e server's):
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts [ORDER-NUMBER]   the work-results order; prints {orderId}
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --portal         the lists' orders, inbox items, push jobs
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --bulk           the bulk change's orders (BK-3000..BK-3120)
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --stray KEY2 KEY4 one photo in the uploads inbox; prints {itemId}
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --videos ORDER URL... an order with a video still per link; prints {orderId, itemIds}
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --hold-imports USERNAME  an import of that integration runs elsewhere (holds its lane); prints {jobId}
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --end-job ID    that import has ended
import { db } from "@/lib/db";
import { endJob, startJobHere } from "@/lib/jobs/queue";
import { importLane } from "@/lib/orders/import-job";
import { addStrayUpload, loadBulkFixture, loadPortalFixture } from "@/tests/support/portal-fixtures";
import { loadGalleryFixture, loadVideoFixture } from "@/tests/support/work-item-fixtures";

const [mode, ...args] = process.argv.slice(2);

const modes: Record<string, () => Promise<unknown>> = {
  "--portal": () => loadPortalFixture(),
  "--bulk": () => loadBulkFixture(),
  "--stray": () => addStrayUpload({ key2: args[0]!, key4: args[1]!, evidenceType: "before" }).then((itemId) => ({ itemId })),
  "--videos": () => loadVideoFixture(args[0]!, args.slice(1)),
  "--hold-imports": () => holdImports(args[0]!),
  "--end-job": () => endJob(args[0]!, { result: null }).then(() => ({})),
};

/** A job of the integration's import lane, as the CLI or another instance would hold it. */
async function holdImports(username: string) {
  const integration = await db().integration.findUniqueOrThrow({ where: { username }, select: { id: true } });
  const input = {
    integrationId: integration.id,
    integration: username,
    format: "csv",
    fileName: "from-the-command-line.csv",
    confirmDelete: false,
    actor: { source: "import", actor: "cli" },
  };
  const job = await startJobHere({ kind: "import", lane: importLane(integration.id), input });
  if (!job) throw new Error(`an import of ${username} is already running`);
  return { jobId: job.id };
}

(modes[mode ?? ""] ?? (() => loadGalleryFixture(mode ?? "E2E-GALLERY-1")))()
  .then((result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
