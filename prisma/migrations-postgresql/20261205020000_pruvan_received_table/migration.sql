-- CreateTable
CREATE TABLE "PruvanReceived" (
    "workOrderId" TEXT NOT NULL,
    "record" TEXT NOT NULL,

    CONSTRAINT "PruvanReceived_pkey" PRIMARY KEY ("workOrderId")
);

-- Data: every stored copy moves to the new table (written by hand).
INSERT INTO "PruvanReceived" ("workOrderId", "record") SELECT "id", "pruvanReceived" FROM "WorkOrder" WHERE "pruvanReceived" IS NOT NULL;

-- AlterTable
ALTER TABLE "WorkOrder" DROP COLUMN "pruvanReceived";

-- AddForeignKey
ALTER TABLE "PruvanReceived" ADD CONSTRAINT "PruvanReceived_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;
