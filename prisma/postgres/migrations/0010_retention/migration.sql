-- CreateTable
CREATE TABLE "RetentionState" (
    "dataType" TEXT NOT NULL,
    "daysOverride" INTEGER,
    "sweptBefore" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "lastDeleted" INTEGER NOT NULL DEFAULT 0,
    "lastDurationMs" DOUBLE PRECISION,
    "lastError" TEXT,

    CONSTRAINT "RetentionState_pkey" PRIMARY KEY ("dataType")
);

-- CreateIndex
CREATE INDEX "Label_modelId_ts_idx" ON "Label"("modelId", "ts");

-- CreateIndex
CREATE INDEX "BusinessEvent_modelId_ts_idx" ON "BusinessEvent"("modelId", "ts");

