-- CreateTable
CREATE TABLE "Experiment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "modelId" INTEGER NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "variants" TEXT NOT NULL,
    "metrics" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "covariate" TEXT,
    "alpha" REAL NOT NULL DEFAULT 0.05,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Experiment_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExperimentSnapshot" (
    "experimentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computedAt" DATETIME NOT NULL,
    "results" TEXT NOT NULL,
    CONSTRAINT "ExperimentSnapshot_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_key_key" ON "Experiment"("key");

-- CreateIndex
CREATE INDEX "Experiment_modelId_idx" ON "Experiment"("modelId");

-- CreateIndex
CREATE INDEX "BusinessEvent_modelId_predictionId_idx" ON "BusinessEvent"("modelId", "predictionId");

