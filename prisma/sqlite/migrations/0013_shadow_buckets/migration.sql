-- CreateTable
CREATE TABLE "ShadowRollup" (
    "shadowId" INTEGER NOT NULL,
    "window" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "rows" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("shadowId", "window", "windowStart")
);

