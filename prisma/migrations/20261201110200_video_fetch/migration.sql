-- Videos fetched from their videoUri into storage (lib/work-items/video-fetch.ts): one
-- VideoFetch per item, claimed by one fetcher at a time; an earlier version keeps the video
-- fetched from its own link (WorkItemVersion.videoPath).
-- AlterTable
ALTER TABLE "WorkItemVersion" ADD COLUMN "videoPath" TEXT;

-- CreateTable
CREATE TABLE "VideoFetch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workItemId" TEXT NOT NULL,
    "uri" TEXT NOT NULL,
    "linkSentAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "leaseToken" TEXT,
    "lastError" TEXT,
    "lastAttemptAt" DATETIME,
    "storagePath" TEXT,
    "fileSize" INTEGER,
    "sha256" TEXT,
    "contentType" TEXT,
    "fetchedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VideoFetch_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "VideoFetch_workItemId_key" ON "VideoFetch"("workItemId");

-- CreateIndex
CREATE INDEX "VideoFetch_state_nextAttemptAt_idx" ON "VideoFetch"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "VideoFetch_storagePath_idx" ON "VideoFetch"("storagePath");

-- CreateIndex
CREATE INDEX "WorkItemVersion_videoPath_idx" ON "WorkItemVersion"("videoPath");

