-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "pushHoldUntil" TIMESTAMP(3),
ADD COLUMN     "pushLeaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PushJob" ADD COLUMN     "omitServices" JSONB;

-- CreateTable
CREATE TABLE "PushBatch" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "kind" "PushKind" NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "response" TEXT,
    "error" TEXT,
    "durationMs" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PushBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PushBatch_integrationId_startedAt_idx" ON "PushBatch"("integrationId", "startedAt");

-- AddForeignKey
ALTER TABLE "PushBatch" ADD CONSTRAINT "PushBatch_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

