-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "WorkItemVersion" (
    "id" TEXT NOT NULL,
    "workItemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "storagePath" TEXT,
    "fileSize" INTEGER,
    "sha256" TEXT,
    "contentType" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "replacedAt" TIMESTAMP(3) NOT NULL,
    "changes" JSONB NOT NULL,

    CONSTRAINT "WorkItemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkItemVersion_storagePath_idx" ON "WorkItemVersion"("storagePath");

-- CreateIndex
CREATE UNIQUE INDEX "WorkItemVersion_workItemId_version_key" ON "WorkItemVersion"("workItemId", "version");

-- AddForeignKey
ALTER TABLE "WorkItemVersion" ADD CONSTRAINT "WorkItemVersion_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

