-- CreateTable
CREATE TABLE "ScrapeTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "instance" TEXT NOT NULL,
    "intervalMs" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "sampleLimit" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "authEncrypted" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScrapeTargetState" (
    "targetId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "lastScrapeAt" DATETIME,
    "up" INTEGER,
    "lastError" TEXT,
    "lastDurationMs" REAL,
    "samplesScraped" INTEGER,
    "seriesLabels" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ScrapeTargetState_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "ScrapeTarget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ScrapeTarget_job_instance_key" ON "ScrapeTarget"("job", "instance");

