-- AlterTable
ALTER TABLE "QualityRollup" ADD COLUMN     "labelDelays" TEXT,
ADD COLUMN     "task" TEXT;

