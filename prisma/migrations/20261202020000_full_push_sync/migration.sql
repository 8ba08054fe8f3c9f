-- Issue 11, never a partial full refresh: a full refresh over the per-answer limit is sent
-- by push instead (FullPushSync, its jobs tagged with fullSyncId), and incremental pulls
-- answer what a capped answer left out until Pruvan read it (Integration.pull*: lib/orders/pull-window.ts).
-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "pullBeforeLastAt" DATETIME;
ALTER TABLE "Integration" ADD COLUMN "pullConfirmedAt" DATETIME;
ALTER TABLE "Integration" ADD COLUMN "pullOwedFrom" DATETIME;
ALTER TABLE "Integration" ADD COLUMN "pullOwedPaidBy" DATETIME;

-- AlterTable
ALTER TABLE "PushJob" ADD COLUMN "fullSyncId" TEXT;

-- CreateTable
CREATE TABLE "FullPushSync" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FullPushSync_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "FullPushSync_integrationId_startedAt_idx" ON "FullPushSync"("integrationId", "startedAt");

-- CreateIndex
CREATE INDEX "PushJob_fullSyncId_state_idx" ON "PushJob"("fullSyncId", "state");

