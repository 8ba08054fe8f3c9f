-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('approved', 'rejected', 'cleared');

-- CreateTable
CREATE TABLE "PhotoReview" (
    "id" TEXT NOT NULL,
    "workItemId" TEXT NOT NULL,
    "decision" "ReviewDecision" NOT NULL,
    "note" TEXT,
    "batchId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhotoReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PhotoReview_workItemId_createdAt_idx" ON "PhotoReview"("workItemId", "createdAt");

-- CreateIndex
CREATE INDEX "PhotoReview_createdAt_idx" ON "PhotoReview"("createdAt");

-- AddForeignKey
ALTER TABLE "PhotoReview" ADD CONSTRAINT "PhotoReview_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PhotoReview" ADD CONSTRAINT "PhotoReview_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

