-- The findings list read in order from an index, without a sort, for each of its common
-- orders: id is the last key (a scan opens thousands of findings with one firstSeenAt, and
-- the list breaks ties by id), and one business unit (a BU owner's reach), one owner ("My
-- findings") and one severity by due date get their own, so a unit with few open findings
-- no longer costs a walk over every open one. The indexes they replace are their prefixes.

-- DropIndex
DROP INDEX "Finding_tenantId_status_severity_firstSeenAt_idx";

-- DropIndex
DROP INDEX "Finding_tenantId_status_dueAt_idx";

-- DropIndex
DROP INDEX "Finding_tenantId_businessUnitId_status_idx";

-- DropIndex
DROP INDEX "Finding_tenantId_ownerUserId_status_idx";

-- CreateIndex
CREATE INDEX "Finding_list_default_idx" ON "Finding"("tenantId", "status", "severity", "firstSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_list_due_idx" ON "Finding"("tenantId", "status", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Finding_list_severity_due_idx" ON "Finding"("tenantId", "status", "severity", "dueAt", "id");

-- CreateIndex
CREATE INDEX "Finding_list_unit_idx" ON "Finding"("tenantId", "businessUnitId", "status", "severity", "firstSeenAt", "id");

-- CreateIndex
CREATE INDEX "Finding_list_owner_idx" ON "Finding"("tenantId", "ownerUserId", "status", "severity", "firstSeenAt", "id");
