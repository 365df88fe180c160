-- CreateTable
CREATE TABLE "ServingEndpoint" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "managementUrl" TEXT,
    "modelId" INTEGER NOT NULL,
    "serverModel" TEXT,
    "versionMap" TEXT NOT NULL DEFAULT '{}',
    "gpuSelector" TEXT,
    "metricsJob" TEXT,
    "links" TEXT NOT NULL DEFAULT '{}',
    "intervalMs" INTEGER NOT NULL,
    "timeoutMs" INTEGER NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "authEncrypted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ServingEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServingEndpointState" (
    "endpointId" INTEGER NOT NULL,
    "checkedAt" TIMESTAMP(3),
    "live" BOOLEAN,
    "ready" BOOLEAN,
    "latencyMs" DOUBLE PRECISION,
    "problems" TEXT NOT NULL DEFAULT '[]',
    "models" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "ServingEndpointState_pkey" PRIMARY KEY ("endpointId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServingEndpoint_name_key" ON "ServingEndpoint"("name");

-- CreateIndex
CREATE INDEX "ServingEndpoint_modelId_idx" ON "ServingEndpoint"("modelId");

-- AddForeignKey
ALTER TABLE "ServingEndpoint" ADD CONSTRAINT "ServingEndpoint_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServingEndpointState" ADD CONSTRAINT "ServingEndpointState_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ServingEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

