-- Re-publish (lib/work-items/ingest.ts): the same uuId with another file or metadata
-- updates the item, whose version counts up, and keeps what it replaced in
-- WorkItemVersion. A column added in place (no table redefinition).
ALTER TABLE "WorkItem" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "WorkItemVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workItemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "storagePath" TEXT,
    "fileSize" INTEGER,
    "sha256" TEXT,
    "contentType" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "replacedAt" DATETIME NOT NULL,
    "changes" JSONB NOT NULL,
    CONSTRAINT "WorkItemVersion_workItemId_fkey" FOREIGN KEY ("workItemId") REFERENCES "WorkItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "WorkItemVersion_storagePath_idx" ON "WorkItemVersion"("storagePath");
CREATE UNIQUE INDEX "WorkItemVersion_workItemId_version_key" ON "WorkItemVersion"("workItemId", "version");
