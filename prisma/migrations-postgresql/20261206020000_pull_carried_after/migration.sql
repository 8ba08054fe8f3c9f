-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "pullCarriedAfter" TIMESTAMP(3);

