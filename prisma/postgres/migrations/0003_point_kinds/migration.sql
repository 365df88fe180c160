-- AlterTable
ALTER TABLE "SeriesPoint" ADD COLUMN     "kind" INTEGER NOT NULL DEFAULT 0;

