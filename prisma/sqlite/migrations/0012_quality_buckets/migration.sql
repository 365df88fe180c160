-- AlterTable
ALTER TABLE "QualityRollup" ADD COLUMN "labelDelays" TEXT;
ALTER TABLE "QualityRollup" ADD COLUMN "task" TEXT;

