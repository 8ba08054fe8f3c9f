-- Issue 12, sign-in throttle: attempts are claimed atomically before the compare, per key
-- (address and account, address, the whole portal, a Pruvan caller's address), times in epoch
-- milliseconds. The old rows (failures per email) are short-lived counters: dropped, not converted.
DELETE FROM "SignInThrottle";

-- AlterTable
ALTER TABLE "SignInThrottle" DROP COLUMN "blockedUntil",
DROP COLUMN "failures",
DROP COLUMN "firstFailureAt",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "blockedUntilMs" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "blocks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "windowStartMs" BIGINT NOT NULL;

-- CreateIndex
CREATE INDEX "SignInThrottle_windowStartMs_idx" ON "SignInThrottle"("windowStartMs");

