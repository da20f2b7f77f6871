import { NextResponse } from "next/server";
import { getDb, getRedis } from "@/server/services";

export const dynamic = "force-dynamic";

/** Liveness and dependencies, for load balancers and `docker compose`. Public: reveals nothing. */
export async function GET() {
  const checks = await Promise.allSettled([getDb().$queryRaw`SELECT 1`, getRedis().ping()]);
  const [postgres, redis] = checks.map((c) => (c.status === "fulfilled" ? "ok" : "unreachable"));
  const ok = postgres === "ok" && redis === "ok";
  return NextResponse.json({ status: ok ? "ok" : "degraded", postgres, redis }, { status: ok ? 200 : 503 });
}
