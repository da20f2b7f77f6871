-- CreateIndex
CREATE INDEX "Resource_tenantId_resourceType_resourceId_idx" ON "Resource"("tenantId", "resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "Resource_tenantId_lastSeenAt_resourceId_idx" ON "Resource"("tenantId", "lastSeenAt", "resourceId");

-- Hand-written (Prisma cannot express it: keep it when generating later migrations).
-- Inventory search over tag keys and values: trigram index on the tags as text.
CREATE INDEX "Resource_tags_trgm" ON "Resource" USING gin ((lower("tags"::text)) gin_trgm_ops);
