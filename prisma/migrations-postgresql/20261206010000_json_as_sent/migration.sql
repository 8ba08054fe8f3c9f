-- JSON columns keep the text as it was sent (json, not jsonb): jsonb reorders an object's keys,
-- and a check-in's fields or a survey's answers are shown in Pruvan's order. What jsonb
-- already reordered stays so.
-- AlterTable
ALTER TABLE "WorkOrder" ALTER COLUMN "options" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "Service" ALTER COLUMN "options" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "WorkItem" ALTER COLUMN "survey" SET DATA TYPE JSON,
ALTER COLUMN "checkIn" SET DATA TYPE JSON,
ALTER COLUMN "attributes" SET DATA TYPE JSON,
ALTER COLUMN "payload" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "WorkItemVersion" ALTER COLUMN "payload" SET DATA TYPE JSON,
ALTER COLUMN "changes" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "PushJob" ALTER COLUMN "omitServices" SET DATA TYPE JSON;

-- AlterTable
ALTER TABLE "Job" ALTER COLUMN "input" SET DATA TYPE JSON,
ALTER COLUMN "result" SET DATA TYPE JSON;

