-- CreateEnum
CREATE TYPE "VideoFetchState" AS ENUM ('pending', 'fetched', 'failed');

-- AlterTable
ALTER TABLE "WorkItemVersion" ADD COLUMN     "videoPath" TEXT;

-- CreateTable
CREATE TABLE "VideoFetch" (
    "id" TEXT NOT NULL,
    "workItemId" TEXT NOT NULL,
    "uri" TEXT NOT NULL,
    "linkSentAt" TIMESTAMP(3) NOT NULL,
    "state" "VideoFetchState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "leaseToken" TEXT,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "storagePath" TEXT,
    "fileSize" INTEGER,
    "sha256" TEXT,
    "contentType" TEXT,
    "fetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VideoFetch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VideoFetch_workItemId_key" ON "VideoFetch"("workItemId");

-- CreateIndex
CREATE INDEX "VideoFetch_state_nextAttemptAt_idx" ON "VideoFetch"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "VideoFetch_storagePath_idx" ON "VideoFetch"("storagePath");

-- CreateIndex
CREATE INDEX "WorkItemVersion_videoPath_idx" ON "WorkItemVersion"("videoPath");

-- AddForeignKey
ALTER TABLE "VideoFetch" ADD CONSTRAINT "VideoFetch_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

