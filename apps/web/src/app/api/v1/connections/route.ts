import { listConnections } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/connections", async () => {
  const scope = await requireApiScope();
  const connections = await listConnections({ db: getDb(), scope });
  return NextResponse.json({
    connections: connections.map((c) => ({
      id: c.id,
      name: c.name,
      status: c.status,
      organizationId: c.organizationId,
      managementRoleArn: c.managementRoleArn,
      memberRoleName: c.memberRoleName,
      externalId: c.externalId,
      regions: c.regions,
      scheduleCron: c.scheduleCron,
      scheduleEnabled: c.scheduleEnabled,
      lastError: c.lastError,
    })),
  });
});
