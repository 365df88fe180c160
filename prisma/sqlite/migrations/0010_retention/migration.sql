-- CreateTable
CREATE TABLE "RetentionState" (
    "dataType" TEXT NOT NULL PRIMARY KEY,
    "daysOverride" INTEGER,
    "sweptBefore" DATETIME,
    "lastRunAt" DATETIME,
    "lastDeleted" INTEGER NOT NULL DEFAULT 0,
    "lastDurationMs" REAL,
    "lastError" TEXT
);

-- CreateIndex
CREATE INDEX "Label_modelId_ts_idx" ON "Label"("modelId", "ts");

-- CreateIndex
CREATE INDEX "BusinessEvent_modelId_ts_idx" ON "BusinessEvent"("modelId", "ts");

