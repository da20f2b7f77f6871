-- CreateTable
CREATE TABLE "RuleEvaluationCount" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "passCount" INTEGER NOT NULL DEFAULT 0,
    "failCount" INTEGER NOT NULL DEFAULT 0,
    "unableCount" INTEGER NOT NULL DEFAULT 0,
    "notApplicableCount" INTEGER NOT NULL DEFAULT 0,
    "scanId" UUID,
    "evaluatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RuleEvaluationCount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RuleEvaluationCount_tenantId_ruleId_idx" ON "RuleEvaluationCount"("tenantId", "ruleId");

-- CreateIndex
CREATE UNIQUE INDEX "RuleEvaluationCount_tenantId_accountId_region_ruleId_key" ON "RuleEvaluationCount"("tenantId", "accountId", "region", "ruleId");

