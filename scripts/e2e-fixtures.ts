// Loads test data into the data folder named by DATA_DIR (the e2e server's):
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts [ORDER-NUMBER]   the work-results order; prints {orderId}
//   DATA_DIR=... tsx scripts/e2e-fixtures.ts --portal         the lists' orders, inbox items, push jobs
import { loadPortalFixture } from "@/tests/support/portal-fixtures";
import { loadGalleryFixture } from "@/tests/support/work-item-fixtures";

(process.argv[2] === "--portal" ? loadPortalFixture() : loadGalleryFixture(process.argv[2] ?? "E2E-GALLERY-1"))
  .then((result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
