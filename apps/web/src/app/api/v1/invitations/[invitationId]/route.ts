import { revokeInvitation } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** Revokes a pending invitation. */
export const DELETE = withApiErrors(
  "DELETE /api/v1/invitations/[invitationId]",
  async (_request: Request, context: { params: Promise<{ invitationId: string }> }) => {
    const scope = await requireApiScope();
    const { invitationId } = await context.params;
    const id = z.uuid().safeParse(invitationId).success ? invitationId : "00000000-0000-0000-0000-000000000000";
    await revokeInvitation({ db: getDb(), scope, invitationId: id, now: new Date(), ip: await requestIp() });
    return new NextResponse(null, { status: 204 });
  },
);
