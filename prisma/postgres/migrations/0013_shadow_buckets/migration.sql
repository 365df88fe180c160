-- CreateTable
CREATE TABLE "ShadowRollup" (
    "shadowId" INTEGER NOT NULL,
    "window" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShadowRollup_pkey" PRIMARY KEY ("shadowId","window","windowStart")
);

