-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "pullCarriedAfter" DATETIME;

