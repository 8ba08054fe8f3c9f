-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "pullCarriedFrom" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WorkOrder_integrationId_pruvanAnsweredAt_idx" ON "WorkOrder"("integrationId", "pruvanAnsweredAt");

