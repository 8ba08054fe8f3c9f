-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "lastFullPullAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN     "fileMissingAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WorkItem_storagePath_idx" ON "WorkItem"("storagePath");
