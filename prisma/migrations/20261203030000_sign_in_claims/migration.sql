-- Issue 12, sign-in throttle: attempts are claimed atomically before the compare, per key
-- (address and account, address, the whole portal, a Pruvan caller's address), times in epoch
-- milliseconds. The old rows (failures per email) are short-lived counters: dropped, not converted.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "windowStartMs" BIGINT NOT NULL,
    "blockedUntilMs" BIGINT NOT NULL DEFAULT 0,
    "blocks" INTEGER NOT NULL DEFAULT 0
);
DROP TABLE "SignInThrottle";
ALTER TABLE "new_SignInThrottle" RENAME TO "SignInThrottle";
CREATE INDEX "SignInThrottle_windowStartMs_idx" ON "SignInThrottle"("windowStartMs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

