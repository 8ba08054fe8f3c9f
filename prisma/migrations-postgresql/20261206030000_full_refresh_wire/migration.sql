-- CreateTable
CREATE TABLE "FullRefreshWire" (
    "workOrderId" TEXT NOT NULL,
    "version" TIMESTAMP(3) NOT NULL,
    "context" TEXT NOT NULL,
    "wire" TEXT NOT NULL,

    CONSTRAINT "FullRefreshWire_pkey" PRIMARY KEY ("workOrderId")
);

-- AddForeignKey
ALTER TABLE "FullRefreshWire" ADD CONSTRAINT "FullRefreshWire_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

