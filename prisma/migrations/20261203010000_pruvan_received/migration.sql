-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN "pruvanAnsweredAt" DATETIME;
ALTER TABLE "WorkOrder" ADD COLUMN "pruvanReceived" TEXT;
ALTER TABLE "WorkOrder" ADD COLUMN "pruvanReceivedOf" DATETIME;

