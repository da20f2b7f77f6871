-- Finding's unique key leads with the resource: (tenantId, resourceId, ruleId). It serves every
-- lookup by resource that "Finding_tenantId_resourceId_idx" served (a resource's findings, the
-- findings of deleted resources, RESOURCE suppressions) and the (tenant, rule, resource) match
-- of an evaluation, so that index goes. Lookups by rule read "Finding_tenantId_ruleId_status_idx".
-- One index fewer to write for each finding opened and for each status change (resolve,
-- reopen, suppress: none of them is a HOT update, status being in the list indexes).
CREATE UNIQUE INDEX "Finding_tenantId_resourceId_ruleId_key" ON "Finding"("tenantId", "resourceId", "ruleId");

DROP INDEX "Finding_tenantId_ruleId_resourceId_key";

DROP INDEX "Finding_tenantId_resourceId_idx";
