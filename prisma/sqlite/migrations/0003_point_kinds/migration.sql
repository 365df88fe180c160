-- AlterTable: SQLite adds a NOT NULL column with a constant default in place (no table rebuild, which
-- Prisma's diff would do and which would copy every point).
ALTER TABLE "SeriesPoint" ADD COLUMN "kind" INTEGER NOT NULL DEFAULT 0;
