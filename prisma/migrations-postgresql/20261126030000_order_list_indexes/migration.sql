-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_updatedAt_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "updatedAt", "workOrderNumber");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_workOrderNumber_address1_city_zip_idx" ON "WorkOrder"("deletedAt", "workOrderNumber", "address1", "city", "zip");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_dueDate_workOrderNumber_status_pruvanSt_idx" ON "WorkOrder"("deletedAt", "dueDate", "workOrderNumber", "status", "pruvanStatus", "updatedAt");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_city_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "city", "workOrderNumber");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_status_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "status", "workOrderNumber");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_clientStatus_workOrderNumber_idx" ON "WorkOrder"("deletedAt", "clientStatus", "workOrderNumber");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_pruvanStatus_idx" ON "WorkOrder"("deletedAt", "pruvanStatus");

-- CreateIndex
CREATE INDEX "WorkOrder_deletedAt_id_idx" ON "WorkOrder"("deletedAt", "id");

-- CreateIndex
CREATE INDEX "WorkItem_workOrderId_fileType_match_idx" ON "WorkItem"("workOrderId", "fileType", "match");

-- CreateIndex
CREATE INDEX "WorkItem_workOrderId_match_receivedAt_idx" ON "WorkItem"("workOrderId", "match", "receivedAt");

