-- AlterTable
ALTER TABLE "WorkItem" ADD COLUMN     "inboxReason" TEXT;

