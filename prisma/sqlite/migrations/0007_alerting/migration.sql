-- CreateTable
CREATE TABLE "AlertRuleGroup" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "intervalMs" INTEGER NOT NULL DEFAULT 60000,
    "datasource" TEXT,
    "rules" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertRuleState" (
    "groupId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastEvalAt" DATETIME,
    "lastDurationMs" REAL,
    "lastError" TEXT,

    PRIMARY KEY ("groupId", "rule"),
    CONSTRAINT "AlertRuleState_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AlertRuleGroup" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertTransition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "value" REAL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ContactPoint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "secretEncrypted" TEXT,
    "sendResolved" BOOLEAN NOT NULL DEFAULT true,
    "lastStatus" TEXT,
    "lastError" TEXT,
    "lastAttemptAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NotificationPolicy" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tree" TEXT NOT NULL,
    "inhibitRules" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Silence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "matchers" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "schedule" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertGroup" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "routeId" TEXT NOT NULL,
    "receiver" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "alerts" TEXT NOT NULL,
    "nextFlushAt" DATETIME,
    "lastFlushAt" DATETIME,
    "lastNotified" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertNotification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "contactPointId" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastError" TEXT,
    "response" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertRuleGroup_name_key" ON "AlertRuleGroup"("name");

-- CreateIndex
CREATE INDEX "AlertTransition_at_idx" ON "AlertTransition"("at");

-- CreateIndex
CREATE INDEX "AlertTransition_groupId_rule_at_idx" ON "AlertTransition"("groupId", "rule", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ContactPoint_name_key" ON "ContactPoint"("name");

-- CreateIndex
CREATE INDEX "Silence_endsAt_idx" ON "Silence"("endsAt");

-- CreateIndex
CREATE INDEX "AlertGroup_nextFlushAt_idx" ON "AlertGroup"("nextFlushAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertNotification_key_key" ON "AlertNotification"("key");

-- CreateIndex
CREATE INDEX "AlertNotification_status_nextAttemptAt_idx" ON "AlertNotification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertNotification_contactPointId_createdAt_idx" ON "AlertNotification"("contactPointId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertNotification_createdAt_idx" ON "AlertNotification"("createdAt");

