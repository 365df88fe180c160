-- CreateTable
CREATE TABLE "Shadow" (
    "id" SERIAL NOT NULL,
    "modelId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileBytes" INTEGER NOT NULL,
    "config" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "backfillFrom" TIMESTAMP(3),
    "backfillTo" TIMESTAMP(3),
    "backfillTotal" INTEGER NOT NULL DEFAULT 0,
    "backfillDone" INTEGER NOT NULL DEFAULT 0,
    "backfillState" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shadow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShadowPrediction" (
    "shadowId" INTEGER NOT NULL,
    "predictionId" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "prediction" TEXT,
    "score" DOUBLE PRECISION,
    "scores" TEXT,
    "latencyMs" DOUBLE PRECISION,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShadowPrediction_pkey" PRIMARY KEY ("shadowId","predictionId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shadow_modelId_name_key" ON "Shadow"("modelId", "name");

-- CreateIndex
CREATE INDEX "ShadowPrediction_shadowId_ts_idx" ON "ShadowPrediction"("shadowId", "ts");

-- CreateIndex
CREATE INDEX "Prediction_modelId_receivedAt_idx" ON "Prediction"("modelId", "receivedAt");

