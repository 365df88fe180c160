-- CreateTable
CREATE TABLE "Experiment" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "modelId" INTEGER NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "variants" TEXT NOT NULL,
    "metrics" TEXT NOT NULL,
    "guardrails" TEXT NOT NULL,
    "covariate" TEXT,
    "alpha" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExperimentSnapshot" (
    "experimentId" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "results" TEXT NOT NULL,

    CONSTRAINT "ExperimentSnapshot_pkey" PRIMARY KEY ("experimentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Experiment_key_key" ON "Experiment"("key");

-- CreateIndex
CREATE INDEX "Experiment_modelId_idx" ON "Experiment"("modelId");

-- CreateIndex
CREATE INDEX "BusinessEvent_modelId_predictionId_idx" ON "BusinessEvent"("modelId", "predictionId");

-- AddForeignKey
ALTER TABLE "Experiment" ADD CONSTRAINT "Experiment_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentSnapshot" ADD CONSTRAINT "ExperimentSnapshot_experimentId_fkey" FOREIGN KEY ("experimentId") REFERENCES "Experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

