-- AlterTable
ALTER TABLE "Integration" ALTER COLUMN "autoAdmin" SET DEFAULT true;

