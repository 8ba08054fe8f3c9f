-- Issue 11, never a partial full refresh: a full refresh over the per-answer limit is sent
-- by push instead (FullPushSync, its jobs tagged with fullSyncId), and incremental pulls
-- answer what a capped answer left out until Pruvan read it (Integration.pull*: lib/orders/pull-window.ts).
-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "pullBeforeLastAt" TIMESTAMP(3),
ADD COLUMN     "pullConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "pullOwedFrom" TIMESTAMP(3),
ADD COLUMN     "pullOwedPaidBy" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PushJob" ADD COLUMN     "fullSyncId" TEXT;

-- CreateTable
CREATE TABLE "FullPushSync" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FullPushSync_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FullPushSync_integrationId_startedAt_idx" ON "FullPushSync"("integrationId", "startedAt");

-- CreateIndex
CREATE INDEX "PushJob_fullSyncId_state_idx" ON "PushJob"("fullSyncId", "state");

-- AddForeignKey
ALTER TABLE "FullPushSync" ADD CONSTRAINT "FullPushSync_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

