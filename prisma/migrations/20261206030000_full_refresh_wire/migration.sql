-- CreateTable
CREATE TABLE "FullRefreshWire" (
    "workOrderId" TEXT NOT NULL PRIMARY KEY,
    "version" DATETIME NOT NULL,
    "context" TEXT NOT NULL,
    "wire" TEXT NOT NULL,
    CONSTRAINT "FullRefreshWire_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

