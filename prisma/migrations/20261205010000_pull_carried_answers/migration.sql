-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "pullCarriedFrom" DATETIME;

-- CreateIndex
CREATE INDEX "WorkOrder_integrationId_pruvanAnsweredAt_idx" ON "WorkOrder"("integrationId", "pruvanAnsweredAt");

