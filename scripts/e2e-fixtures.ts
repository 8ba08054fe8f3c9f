// Loads the work-results test order into the data folder named by DATA_DIR (the e2e
// server's): `DATA_DIR=... tsx scripts/e2e-fixtures.ts [ORDER-NUMBER]`. Prints {orderId}.
import { loadGalleryFixture } from "@/tests/support/work-item-fixtures";

loadGalleryFixture(process.argv[2] ?? "E2E-GALLERY-1")
  .then((result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
