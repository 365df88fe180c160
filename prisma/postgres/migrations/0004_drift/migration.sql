-- AlterTable
ALTER TABLE "Model" ADD COLUMN     "driftConfig" TEXT;

-- CreateTable
CREATE TABLE "DriftSketch" (
    "modelId" INTEGER NOT NULL,
    "versionId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "window" TEXT NOT NULL DEFAULT '1h',
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "missing" INTEGER NOT NULL,
    "sketch" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftSketch_pkey" PRIMARY KEY ("modelId","versionId","role","name","window","windowStart")
);

-- CreateTable
CREATE TABLE "DriftProfile" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rows" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DriftProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftProfileColumn" (
    "profileId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "missing" INTEGER NOT NULL,
    "sketch" TEXT NOT NULL,

    CONSTRAINT "DriftProfileColumn_pkey" PRIMARY KEY ("profileId","role","name")
);

-- CreateIndex
CREATE INDEX "DriftSketch_modelId_window_windowStart_idx" ON "DriftSketch"("modelId", "window", "windowStart");

-- CreateIndex
CREATE UNIQUE INDEX "DriftProfile_modelId_name_key" ON "DriftProfile"("modelId", "name");

-- AddForeignKey
ALTER TABLE "DriftProfileColumn" ADD CONSTRAINT "DriftProfileColumn_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "DriftProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

