-- DropIndex
DROP INDEX "Finding_tenantId_status_severity_idx";

-- CreateIndex
CREATE INDEX "Finding_tenantId_status_severity_firstSeenAt_idx" ON "Finding"("tenantId", "status", "severity", "firstSeenAt");

-- CreateIndex
CREATE INDEX "Finding_tenantId_status_dueAt_idx" ON "Finding"("tenantId", "status", "dueAt");
