-- CreateTable
CREATE TABLE "RemediationStat" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "scopeType" "SnapshotScope" NOT NULL,
    "scopeId" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "resolvedCount" INTEGER NOT NULL DEFAULT 0,
    "resolvedDaysSum" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "RemediationStat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RemediationStat_tenantId_scopeType_scopeId_day_idx" ON "RemediationStat"("tenantId", "scopeType", "scopeId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "RemediationStat_tenantId_day_scopeType_scopeId_severity_key" ON "RemediationStat"("tenantId", "day", "scopeType", "scopeId", "severity");
