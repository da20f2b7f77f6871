import { getConnectionTest, requestConnectionTest } from "@guardrail/core";
import { enqueueConnectionTest } from "@guardrail/jobs";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { getQueues } from "@/server/queues";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ connectionId: string }> };

/** A browser POST from another site is refused (the session cookie is SameSite=Lax as well). */
function isCrossSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return true;
  }
}

const notFound = () => NextResponse.json({ error: { code: "NOT_FOUND", message: "Connection not found." } }, { status: 404 });

/** The latest "Test connection" run of a connection (or a scan's access checks): per account, connected or why not. */
export const GET = withApiErrors("GET /api/v1/connections/:id/test", async (_req: Request, ctx: TContext) => {
  const scope = await requireApiScope();
  const parsed = z.string().uuid().safeParse((await ctx.params).connectionId);
  if (!parsed.success) return notFound();
  return NextResponse.json(await getConnectionTest({ db: getDb(), scope, connectionId: parsed.data }));
});

/** Starts a "Test connection" run (a run already queued or running is joined): 202 with its id. */
export const POST = withApiErrors("POST /api/v1/connections/:id/test", async (req: Request, ctx: TContext) => {
  const scope = await requireApiScope();
  if (isCrossSite(req)) return NextResponse.json({ error: { code: "FORBIDDEN", message: "Cross-site request refused." } }, { status: 403 });
  const parsed = z.string().uuid().safeParse((await ctx.params).connectionId);
  if (!parsed.success) return notFound();
  const run = await requestConnectionTest({ db: getDb(), scope, connectionId: parsed.data });
  if (!run.joined) await enqueueConnectionTest(getQueues(), { tenantId: scope.tenantId, connectionId: parsed.data, testId: run.testId });
  return NextResponse.json(run, { status: 202 });
});
