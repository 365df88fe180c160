-- CreateTable
CREATE TABLE "Shadow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "modelId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "config" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "backfillFrom" DATETIME,
    "backfillTo" DATETIME,
    "backfillTotal" INTEGER NOT NULL DEFAULT 0,
    "backfillDone" INTEGER NOT NULL DEFAULT 0,
    "backfillState" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ShadowPrediction" (
    "shadowId" INTEGER NOT NULL,
    "predictionId" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "prediction" TEXT,
    "score" REAL,
    "scores" TEXT,
    "latencyMs" REAL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shadowId", "predictionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shadow_modelId_name_key" ON "Shadow"("modelId", "name");

-- CreateIndex
CREATE INDEX "ShadowPrediction_shadowId_ts_idx" ON "ShadowPrediction"("shadowId", "ts");

-- CreateIndex
CREATE INDEX "Prediction_modelId_receivedAt_idx" ON "Prediction"("modelId", "receivedAt");

