-- CreateTable
CREATE TABLE "PruvanReceived" (
    "workOrderId" TEXT NOT NULL PRIMARY KEY,
    "record" TEXT NOT NULL,
    CONSTRAINT "PruvanReceived_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Data: every stored copy moves to the new table (written by hand).
INSERT INTO "PruvanReceived" ("workOrderId", "record") SELECT "id", "pruvanReceived" FROM "WorkOrder" WHERE "pruvanReceived" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WorkOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "integrationId" TEXT NOT NULL,
    "workOrderNumber" TEXT NOT NULL,
    "workOrderInfo" TEXT,
    "address1" TEXT NOT NULL,
    "address2" TEXT,
    "city" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "zip" TEXT NOT NULL,
    "country" TEXT,
    "assignedTo" TEXT,
    "status" TEXT,
    "dueDate" DATETIME,
    "instructions" TEXT,
    "clientStatus" TEXT,
    "clientDueDate" DATETIME,
    "clientInstructions" TEXT,
    "description" TEXT,
    "reference" TEXT,
    "attribute7" TEXT,
    "attribute8" TEXT,
    "attribute9" TEXT,
    "attribute10" TEXT,
    "attribute11" TEXT,
    "attribute12" TEXT,
    "attribute13" TEXT,
    "attribute14" TEXT,
    "attribute15" TEXT,
    "gpsLatitude" REAL,
    "gpsLongitude" REAL,
    "options" JSONB,
    "startDate" DATETIME,
    "source_wo_id" TEXT,
    "source_wo_number" TEXT,
    "source_wo_provider" TEXT,
    "pruvanStatus" TEXT,
    "fieldStatus" TEXT,
    "pruvanDueDate" DATETIME,
    "pruvanStatusAt" DATETIME,
    "lastSentAt" DATETIME,
    "pruvanReceivedOf" DATETIME,
    "pruvanAnsweredAt" DATETIME,
    "pushError" TEXT,
    "pushErrorAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    CONSTRAINT "WorkOrder_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_WorkOrder" ("address1", "address2", "assignedTo", "attribute10", "attribute11", "attribute12", "attribute13", "attribute14", "attribute15", "attribute7", "attribute8", "attribute9", "city", "clientDueDate", "clientInstructions", "clientStatus", "country", "createdAt", "createdById", "deletedAt", "description", "dueDate", "fieldStatus", "gpsLatitude", "gpsLongitude", "id", "instructions", "integrationId", "lastSentAt", "options", "pruvanAnsweredAt", "pruvanDueDate", "pruvanReceivedOf", "pruvanStatus", "pruvanStatusAt", "pushError", "pushErrorAt", "reference", "source_wo_id", "source_wo_number", "source_wo_provider", "startDate", "state", "status", "updatedAt", "workOrderInfo", "workOrderNumber", "zip") SELECT "address1", "address2", "assignedTo", "attribute10", "attribute11", "attribute12", "attribute13", "attribute14", "attribute15", "attribute7", "attribute8", "attribute9", "city", "clientDueDate", "clientInstructions", "clientStatus", "country", "createdAt", "createdById", "deletedAt", "description", "dueDate", "fieldStatus", "gpsLatitude", "gpsLongitude", "id", "instructions", "integrationId", "lastSentAt", "options", "pruvanAnsweredAt", "pruvanDueDate", "pruvanReceivedOf", "pruvanStatus", "pruvanStatusAt", "pushError", "pushErrorAt", "reference", "source_wo_id", "source_wo_number", "source_wo_provider", "startDate", "state", "status", "updatedAt", "workOrderInfo", "workOrderNumber", "zip" FROM "WorkOrder";
DROP TABLE "WorkOrder";
ALTER TABLE "new_WorkOrder" RENAME TO "WorkOrder";
CREATE UNIQUE INDEX "WorkOrder_workOrderNumber_key" ON "WorkOrder"("workOrderNumber");
CREATE INDEX "WorkOrder_integrationId_updatedAt_idx" ON "WorkOrder"("integrationId", "updatedAt");
CREATE INDEX "WorkOrder_integrationId_deletedAt_lastSentAt_idx" ON "WorkOrder"("integrationId", "deletedAt", "lastSentAt");
CREATE INDEX "WorkOrder_integrationId_pruvanAnsweredAt_idx" ON "WorkOrder"("integrationId", "pruvanAnsweredAt");
CREATE INDEX "WorkOrder_updatedAt_idx" ON "WorkOrder"("updatedAt");
CREATE INDEX "WorkOrder_status_idx" ON "WorkOrder"("status");
CREATE INDEX "WorkOrder_pruvanStatus_idx" ON "WorkOrder"("pruvanStatus");
CREATE INDEX "WorkOrder_clientStatus_idx" ON "WorkOrder"("clientStatus");
CREATE INDEX "WorkOrder_dueDate_idx" ON "WorkOrder"("dueDate");
CREATE INDEX "WorkOrder_city_idx" ON "WorkOrder"("city");
CREATE INDEX "WorkOrder_zip_idx" ON "WorkOrder"("zip");
CREATE INDEX "WorkOrder_deletedAt_updatedAt_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "updatedAt", "workOrderNumber");
CREATE INDEX "WorkOrder_deletedAt_workOrderNumber_address1_city_zip_idx" ON "WorkOrder"("deletedAt", "workOrderNumber", "address1", "city", "zip");
CREATE INDEX "WorkOrder_deletedAt_dueDate_workOrderNumber_status_pruvanStatus_updatedAt_idx" ON "WorkOrder"("deletedAt", "dueDate", "workOrderNumber", "status", "pruvanStatus", "updatedAt");
CREATE INDEX "WorkOrder_deletedAt_city_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "city", "workOrderNumber");
CREATE INDEX "WorkOrder_deletedAt_status_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "status", "workOrderNumber");
CREATE INDEX "WorkOrder_deletedAt_clientStatus_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "clientStatus", "workOrderNumber");
CREATE INDEX "WorkOrder_deletedAt_pruvanStatus_idx" ON "WorkOrder"("deletedAt", "pruvanStatus");
CREATE INDEX "WorkOrder_deletedAt_id_idx" ON "WorkOrder"("deletedAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

