-- The findings list of one business unit (a BU owner's reach) or one owner ("My findings"),
-- and of one severity sorted by due date, read in order from an index instead of walking the
-- whole OPEN range: a unit with few open findings no longer costs a scan of every open one.
-- The (tenantId, businessUnitId, status) and (tenantId, ownerUserId, status) indexes are
-- prefixes of the new ones and go.

-- DropIndex
DROP INDEX "Finding_tenantId_businessUnitId_status_idx";

-- DropIndex
DROP INDEX "Finding_tenantId_ownerUserId_status_idx";

-- CreateIndex
CREATE INDEX "Finding_tenantId_status_severity_dueAt_idx" ON "Finding"("tenantId", "status", "severity", "dueAt");

-- CreateIndex
CREATE INDEX "Finding_tenantId_businessUnitId_status_severity_firstSeenAt_idx" ON "Finding"("tenantId", "businessUnitId", "status", "severity", "firstSeenAt");

-- CreateIndex
CREATE INDEX "Finding_tenantId_ownerUserId_status_severity_firstSeenAt_idx" ON "Finding"("tenantId", "ownerUserId", "status", "severity", "firstSeenAt");
