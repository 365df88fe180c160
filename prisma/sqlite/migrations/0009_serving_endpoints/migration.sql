-- CreateTable
CREATE TABLE "ServingEndpoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ServingEndpoint_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServingEndpointState" (
    "endpointId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "checkedAt" DATETIME,
    "live" BOOLEAN,
    "ready" BOOLEAN,
    "latencyMs" REAL,
    "problems" TEXT NOT NULL DEFAULT '[]',
    "models" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "ServingEndpointState_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ServingEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ServingEndpoint_name_key" ON "ServingEndpoint"("name");

-- CreateIndex
CREATE INDEX "ServingEndpoint_modelId_idx" ON "ServingEndpoint"("modelId");

