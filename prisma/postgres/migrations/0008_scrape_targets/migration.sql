-- CreateTable
CREATE TABLE "ScrapeTarget" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "intervalMs" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "sampleLimit" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "authEncrypted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScrapeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScrapeTargetState" (
    "targetId" INTEGER NOT NULL,
    "lastScrapeAt" TIMESTAMP(3),
    "up" INTEGER,
    "lastError" TEXT,
    "lastDurationMs" DOUBLE PRECISION,
    "samplesScraped" INTEGER,
    "seriesLabels" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ScrapeTargetState_pkey" PRIMARY KEY ("targetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScrapeTarget_job_instance_key" ON "ScrapeTarget"("job", "instance");

-- AddForeignKey
ALTER TABLE "ScrapeTargetState" ADD CONSTRAINT "ScrapeTargetState_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "ScrapeTarget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

