-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Integration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'external',
    "autoAdmin" BOOLEAN NOT NULL DEFAULT true,
    "clientCode" TEXT,
    "pushKeyUrl" TEXT,
    "pushKeyAt" DATETIME,
    "validatedAt" DATETIME,
    "lastPullAt" DATETIME,
    "lastFullPullAt" DATETIME,
    "pullBeforeLastAt" DATETIME,
    "pullConfirmedAt" DATETIME,
    "pullOwedFrom" DATETIME,
    "pullOwedPaidBy" DATETIME,
    "lastPushAt" DATETIME,
    "pushLeaseUntil" DATETIME,
    "pushHoldUntil" DATETIME,
    "lastError" TEXT,
    "lastErrorAt" DATETIME,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Integration" ("autoAdmin", "clientCode", "createdAt", "disabledAt", "id", "lastError", "lastErrorAt", "lastFullPullAt", "lastPullAt", "lastPushAt", "mode", "name", "pullBeforeLastAt", "pullConfirmedAt", "pullOwedFrom", "pullOwedPaidBy", "pushHoldUntil", "pushKeyAt", "pushKeyUrl", "pushLeaseUntil", "updatedAt", "username", "validatedAt") SELECT "autoAdmin", "clientCode", "createdAt", "disabledAt", "id", "lastError", "lastErrorAt", "lastFullPullAt", "lastPullAt", "lastPushAt", "mode", "name", "pullBeforeLastAt", "pullConfirmedAt", "pullOwedFrom", "pullOwedPaidBy", "pushHoldUntil", "pushKeyAt", "pushKeyUrl", "pushLeaseUntil", "updatedAt", "username", "validatedAt" FROM "Integration";
DROP TABLE "Integration";
ALTER TABLE "new_Integration" RENAME TO "Integration";
CREATE UNIQUE INDEX "Integration_username_key" ON "Integration"("username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

