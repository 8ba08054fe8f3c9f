-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'staff');

-- CreateEnum
CREATE TYPE "IntegrationMode" AS ENUM ('internal', 'external');

-- CreateEnum
CREATE TYPE "PruvanStatus" AS ENUM ('unassigned', 'assigned', 'accepted', 'rejected', 'rush', 'rework', 'canceled', 'complete', 'invoiced', 'submitted', 'closed', 'deleted');

-- CreateEnum
CREATE TYPE "StatusSource" AS ENUM ('pruvan', 'portal', 'import', 'cli', 'push', 'system');

-- CreateEnum
CREATE TYPE "WorkItemMatch" AS ENUM ('matched', 'unmatched', 'discarded');

-- CreateEnum
CREATE TYPE "PushKind" AS ENUM ('upsert', 'delete', 'refresh');

-- CreateEnum
CREATE TYPE "PushState" AS ENUM ('pending', 'sending', 'delivered', 'dead', 'discarded');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'staff',
    "disabledAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mode" "IntegrationMode" NOT NULL DEFAULT 'external',
    "autoAdmin" BOOLEAN NOT NULL DEFAULT false,
    "clientCode" TEXT,
    "pushKeyUrl" TEXT,
    "pushKeyAt" TIMESTAMP(3),
    "validatedAt" TIMESTAMP(3),
    "lastPullAt" TIMESTAMP(3),
    "lastPushAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "passwordVerifier" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" TEXT NOT NULL,
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
    "status" "PruvanStatus",
    "dueDate" TIMESTAMP(3),
    "instructions" TEXT,
    "clientStatus" TEXT,
    "clientDueDate" TIMESTAMP(3),
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
    "gpsLatitude" DOUBLE PRECISION,
    "gpsLongitude" DOUBLE PRECISION,
    "options" JSONB,
    "startDate" TIMESTAMP(3),
    "source_wo_id" TEXT,
    "source_wo_number" TEXT,
    "source_wo_provider" TEXT,
    "pruvanStatus" "PruvanStatus",
    "fieldStatus" TEXT,
    "pruvanDueDate" TIMESTAMP(3),
    "pruvanStatusAt" TIMESTAMP(3),
    "lastSentAt" TIMESTAMP(3),
    "pushError" TEXT,
    "pushErrorAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Service" (
    "id" TEXT NOT NULL,
    "workOrderId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "serviceName" TEXT NOT NULL,
    "survey" TEXT,
    "instructions" TEXT,
    "options" JSONB,
    "source_service" TEXT,
    "source_service_id" TEXT,
    "attribute1" TEXT,
    "attribute2" TEXT,
    "attribute3" TEXT,
    "attribute4" TEXT,
    "attribute5" TEXT,
    "attribute6" TEXT,
    "attribute7" TEXT,
    "attribute8" TEXT,
    "attribute9" TEXT,
    "attribute10" TEXT,
    "attribute11" TEXT,
    "attribute12" TEXT,
    "attribute13" TEXT,
    "attribute14" TEXT,
    "attribute15" TEXT,
    "pruvanTaskId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkItem" (
    "id" TEXT NOT NULL,
    "uuId" TEXT NOT NULL,
    "integrationId" TEXT,
    "workOrderId" TEXT,
    "serviceId" TEXT,
    "match" "WorkItemMatch" NOT NULL DEFAULT 'unmatched',
    "fileType" TEXT NOT NULL,
    "evidenceType" TEXT,
    "pictureId" TEXT,
    "parentUuid" TEXT,
    "key1" TEXT,
    "key2" TEXT,
    "key3" TEXT,
    "key4" TEXT,
    "fileName" TEXT,
    "fileExt" TEXT,
    "notes" TEXT,
    "gpsAccuracy" DOUBLE PRECISION,
    "gpsLatitude" DOUBLE PRECISION,
    "gpsLongitude" DOUBLE PRECISION,
    "gpsTimestamp" TIMESTAMP(3),
    "authenticated" INTEGER,
    "csrCertifiedTime" INTEGER,
    "csrCertifiedLocation" INTEGER,
    "csrPictureCount" INTEGER,
    "csrLocationSource" TEXT,
    "csrTimeStampSource" TEXT,
    "locationDifference" DOUBLE PRECISION,
    "template" TEXT,
    "surveyId" TEXT,
    "survey" JSONB,
    "checkIn" JSONB,
    "videoUri" TEXT,
    "deviceId" TEXT,
    "phoneNumber" TEXT,
    "itemStatus" TEXT,
    "uploaderVersion" TEXT,
    "batchId" TEXT,
    "workDay" TEXT,
    "sentAt" TIMESTAMP(3),
    "clientCode" TEXT,
    "createdBy" TEXT,
    "createdBySubUser" TEXT,
    "lastUpdatedBy" TEXT,
    "creationDate" TEXT,
    "attributes" JSONB,
    "payload" JSONB NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "storagePath" TEXT,
    "fileSize" INTEGER,
    "sha256" TEXT,
    "contentType" TEXT,
    "thumbnailPath" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedAt" TIMESTAMP(3),
    "discardedAt" TIMESTAMP(3),

    CONSTRAINT "WorkItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusEvent" (
    "id" TEXT NOT NULL,
    "workOrderId" TEXT NOT NULL,
    "source" "StatusSource" NOT NULL,
    "actorUserId" TEXT,
    "actor" TEXT,
    "fromStatus" "PruvanStatus",
    "toStatus" "PruvanStatus",
    "fromClientStatus" TEXT,
    "toClientStatus" TEXT,
    "fieldStatus" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusMapping" (
    "id" TEXT NOT NULL,
    "clientStatus" TEXT NOT NULL,
    "pruvanStatus" "PruvanStatus",
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PushJob" (
    "id" TEXT NOT NULL,
    "integrationId" TEXT NOT NULL,
    "workOrderId" TEXT,
    "kind" "PushKind" NOT NULL DEFAULT 'upsert',
    "force" BOOLEAN NOT NULL DEFAULT false,
    "state" "PushState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "batchId" TEXT,
    "lastStatus" INTEGER,
    "lastResponse" TEXT,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PushJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PruvanCall" (
    "id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "integrationId" TEXT,
    "username" TEXT,
    "outcome" TEXT NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "itemCount" INTEGER,
    "message" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PruvanCall_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Integration_username_key" ON "Integration"("username");

-- CreateIndex
CREATE INDEX "ApiKey_integrationId_revokedAt_idx" ON "ApiKey"("integrationId", "revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_workOrderNumber_key" ON "WorkOrder"("workOrderNumber");

-- CreateIndex
CREATE INDEX "WorkOrder_integrationId_updatedAt_idx" ON "WorkOrder"("integrationId", "updatedAt");

-- CreateIndex
CREATE INDEX "WorkOrder_integrationId_deletedAt_lastSentAt_idx" ON "WorkOrder"("integrationId", "deletedAt", "lastSentAt");

-- CreateIndex
CREATE INDEX "WorkOrder_updatedAt_idx" ON "WorkOrder"("updatedAt");

-- CreateIndex
CREATE INDEX "WorkOrder_status_idx" ON "WorkOrder"("status");

-- CreateIndex
CREATE INDEX "WorkOrder_pruvanStatus_idx" ON "WorkOrder"("pruvanStatus");

-- CreateIndex
CREATE INDEX "WorkOrder_clientStatus_idx" ON "WorkOrder"("clientStatus");

-- CreateIndex
CREATE INDEX "WorkOrder_dueDate_idx" ON "WorkOrder"("dueDate");

-- CreateIndex
CREATE INDEX "WorkOrder_city_idx" ON "WorkOrder"("city");

-- CreateIndex
CREATE INDEX "WorkOrder_zip_idx" ON "WorkOrder"("zip");

-- CreateIndex
CREATE INDEX "Service_workOrderId_position_idx" ON "Service"("workOrderId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Service_workOrderId_serviceName_key" ON "Service"("workOrderId", "serviceName");

-- CreateIndex
CREATE UNIQUE INDEX "WorkItem_uuId_key" ON "WorkItem"("uuId");

-- CreateIndex
CREATE INDEX "WorkItem_workOrderId_fileType_idx" ON "WorkItem"("workOrderId", "fileType");

-- CreateIndex
CREATE INDEX "WorkItem_serviceId_idx" ON "WorkItem"("serviceId");

-- CreateIndex
CREATE INDEX "WorkItem_match_receivedAt_idx" ON "WorkItem"("match", "receivedAt");

-- CreateIndex
CREATE INDEX "WorkItem_surveyId_idx" ON "WorkItem"("surveyId");

-- CreateIndex
CREATE INDEX "WorkItem_receivedAt_idx" ON "WorkItem"("receivedAt");

-- CreateIndex
CREATE INDEX "StatusEvent_workOrderId_createdAt_idx" ON "StatusEvent"("workOrderId", "createdAt");

-- CreateIndex
CREATE INDEX "StatusEvent_createdAt_idx" ON "StatusEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusMapping_clientStatus_key" ON "StatusMapping"("clientStatus");

-- CreateIndex
CREATE INDEX "PushJob_state_nextAttemptAt_idx" ON "PushJob"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PushJob_integrationId_state_createdAt_idx" ON "PushJob"("integrationId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "PushJob_workOrderId_state_idx" ON "PushJob"("workOrderId", "state");

-- CreateIndex
CREATE INDEX "PushJob_deliveredAt_idx" ON "PushJob"("deliveredAt");

-- CreateIndex
CREATE INDEX "PruvanCall_integrationId_createdAt_idx" ON "PruvanCall"("integrationId", "createdAt");

-- CreateIndex
CREATE INDEX "PruvanCall_createdAt_idx" ON "PruvanCall"("createdAt");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkOrder" ADD CONSTRAINT "WorkOrder_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkItem" ADD CONSTRAINT "WorkItem_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkItem" ADD CONSTRAINT "WorkItem_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkItem" ADD CONSTRAINT "WorkItem_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushJob" ADD CONSTRAINT "PushJob_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PushJob" ADD CONSTRAINT "PushJob_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PruvanCall" ADD CONSTRAINT "PruvanCall_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

