-- CreateTable
CREATE TABLE "AccessGraphBuild" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenantId" UUID NOT NULL,
    "scanId" UUID,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "nodeCount" INTEGER NOT NULL DEFAULT 0,
    "edgeCount" INTEGER NOT NULL DEFAULT 0,
    "evaluations" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER,
    "error" TEXT,

    CONSTRAINT "AccessGraphBuild_pkey" PRIMARY KEY ("id")
);

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
);

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

    CONSTRAINT "AccessGraphEdge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessGraphBuild_tenantId_status_finishedAt_idx" ON "AccessGraphBuild"("tenantId", "status", "finishedAt");

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

