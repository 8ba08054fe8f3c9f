-- AlterTable
ALTER TABLE "WorkOrder" ADD COLUMN     "pruvanAnsweredAt" TIMESTAMP(3),
ADD COLUMN     "pruvanReceived" TEXT,
ADD COLUMN     "pruvanReceivedOf" TIMESTAMP(3);

