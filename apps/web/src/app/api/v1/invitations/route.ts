import { createInvitation, listInvitations, type TInvitationInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/invitations", async () => {
  const scope = await requireApiScope();
  return NextResponse.json({ invitations: await listInvitations({ db: getDb(), scope, now: new Date() }) });
});

/** `{ email, role, businessUnitIds? }` → the invitation with its one-time link (shown only in this answer). */
export const POST = withApiErrors("POST /api/v1/invitations", async (request: Request) => {
  const scope = await requireApiScope();
  const input = (await readJsonObject(request)) as TInvitationInput;
  const created = await createInvitation({ db: getDb(), scope, input, now: new Date(), ip: await requestIp() });
  const url = new URL(`/invite/${created.token}`, request.url).toString();
  return NextResponse.json(
    { id: created.id, expiresAt: created.expiresAt, url },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
});
