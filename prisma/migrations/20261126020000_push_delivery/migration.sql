-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "pushHoldUntil" DATETIME;
ALTER TABLE "Integration" ADD COLUMN "pushLeaseUntil" DATETIME;

-- AlterTable
ALTER TABLE "PushJob" ADD COLUMN "omitServices" JSONB;

-- CreateTable
CREATE TABLE "PushBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "orderCount" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER,
    "response" TEXT,
    "error" TEXT,
    "durationMs" INTEGER,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "PushBatch_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PushBatch_integrationId_startedAt_idx" ON "PushBatch"("integrationId", "startedAt");


-- Seed: Pruvan's suggested client status messages (remote-fields-and-statuses.txt), once for
-- every install. Rows an admin already made (same clientStatus) are kept as they are.
INSERT INTO "StatusMapping" ("id", "clientStatus", "pruvanStatus", "note", "createdAt", "updatedAt") VALUES
    ('suggested-order-created', 'Order Created', NULL, 'Pruvan''s suggested message', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
    ('suggested-rush-order', 'Rush Order', 'rush', 'Pruvan''s suggested message', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
    ('suggested-rework-required', 'Rework Required', 'rework', 'Pruvan''s suggested message', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
    ('suggested-order-canceled', 'Order Canceled', 'canceled', 'Pruvan''s suggested message', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')),
    ('suggested-order-closed', 'Order Closed', 'closed', 'Pruvan''s suggested message', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'), strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
ON CONFLICT ("clientStatus") DO NOTHING;
