-- A full refresh that sent every current order is recorded once on the integration
-- (lib/orders/pruvan-pull.ts) instead of on each order row.
ALTER TABLE "Integration" ADD COLUMN "lastFullPullAt" DATETIME;

-- The storage check at start flags items whose stored file is missing
-- (lib/work-items/file-sweep.ts); the sweep looks files up by storagePath.
ALTER TABLE "WorkItem" ADD COLUMN "fileMissingAt" DATETIME;
CREATE INDEX "WorkItem_storagePath_idx" ON "WorkItem"("storagePath");
