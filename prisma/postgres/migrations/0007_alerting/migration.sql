-- CreateTable
CREATE TABLE "AlertRuleGroup" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "intervalMs" INTEGER NOT NULL DEFAULT 60000,
    "datasource" TEXT,
    "rules" TEXT NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRuleGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRuleState" (
    "groupId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "lastEvalAt" TIMESTAMP(3),
    "lastDurationMs" DOUBLE PRECISION,
    "lastError" TEXT,

    CONSTRAINT "AlertRuleState_pkey" PRIMARY KEY ("groupId","rule")
);

-- CreateTable
CREATE TABLE "AlertTransition" (
    "id" SERIAL NOT NULL,
    "groupId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactPoint" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "secretEncrypted" TEXT,
    "sendResolved" BOOLEAN NOT NULL DEFAULT true,
    "lastStatus" TEXT,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPolicy" (
    "id" INTEGER NOT NULL,
    "tree" TEXT NOT NULL,
    "inhibitRules" TEXT NOT NULL DEFAULT '[]',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Silence" (
    "id" TEXT NOT NULL,
    "matchers" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "schedule" TEXT,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Silence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertGroup" (
    "key" TEXT NOT NULL,
    "routeId" TEXT NOT NULL,
    "receiver" TEXT NOT NULL,
    "labels" TEXT NOT NULL,
    "alerts" TEXT NOT NULL,
    "nextFlushAt" TIMESTAMP(3),
    "lastFlushAt" TIMESTAMP(3),
    "lastNotified" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertGroup_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AlertNotification" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "contactPointId" INTEGER NOT NULL,
    "groupKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "lastError" TEXT,
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "AlertNotification_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "AlertRuleState" ADD CONSTRAINT "AlertRuleState_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "AlertRuleGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

