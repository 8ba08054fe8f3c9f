-- Photo review (issue 14): staff approve or reject photos; one row per decision, the
-- latest per photo is its state (lib/photo-review).
-- CreateTable
CREATE TABLE "PhotoReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workItemId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "batchId" TEXT NOT NULL,
    "actorUserId" TEXT,
    "actor" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PhotoReview_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PhotoReview_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PhotoReview_workItemId_createdAt_idx" ON "PhotoReview"("workItemId", "createdAt");

-- CreateIndex
CREATE INDEX "PhotoReview_createdAt_idx" ON "PhotoReview"("createdAt");

