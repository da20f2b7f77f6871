-- Access graph rows partitioned by build (LIST on "buildId"). A build is written into its own
-- tables with COPY, indexed and analyzed after the load, then attached as one partition, and an
-- old build is dropped as a table instead of deleted row by row. Readers see only READY builds.
-- The graph is derived data: existing builds are dropped, and the next scan's evaluation
-- builds each tenant's graph again (until then the pages say the graph is not built yet).
-- Carrying them over would need a DO block, which the migrate runner cannot execute.

DROP TABLE "AccessGraphEdge";
DROP TABLE "AccessGraphNode";
DELETE FROM "AccessGraphBuild";

-- CreateTable
CREATE TABLE "AccessGraphNode" (
    "tenantId" UUID NOT NULL,
    "buildId" UUID NOT NULL,
    "nodeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "accountId" TEXT,
    "region" TEXT,
    "name" TEXT NOT NULL,
    "properties" JSONB NOT NULL,

    CONSTRAINT "AccessGraphNode_pkey" PRIMARY KEY ("buildId","nodeId")
) PARTITION BY LIST ("buildId");

-- CreateTable
CREATE TABLE "AccessGraphEdge" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" UUID NOT NULL,
    "buildId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "methodId" TEXT,
    "action" TEXT,
    "conditions" TEXT[],
    "reasons" TEXT[],

    CONSTRAINT "AccessGraphEdge_pkey" PRIMARY KEY ("buildId","id")
) PARTITION BY LIST ("buildId");

-- CreateIndex
CREATE INDEX "AccessGraphNode_tenantId_buildId_kind_idx" ON "AccessGraphNode"("tenantId", "buildId", "kind");

-- CreateIndex
CREATE INDEX "AccessGraphEdge_buildId_source_idx" ON "AccessGraphEdge"("buildId", "source");

-- CreateIndex
CREATE INDEX "AccessGraphEdge_buildId_target_idx" ON "AccessGraphEdge"("buildId", "target");

-- AddForeignKey
ALTER TABLE "AccessGraphNode" ADD CONSTRAINT "AccessGraphNode_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "AccessGraphBuild"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessGraphEdge" ADD CONSTRAINT "AccessGraphEdge_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "AccessGraphBuild"("id") ON DELETE CASCADE ON UPDATE CASCADE;
