import { can, getScanProgress, listCoverageGaps } from "@guardrail/core";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { ScanProgressView } from "./scan-progress-view";

export const metadata: Metadata = { title: "Scan" };

export default async function ScanPage({ params }: { params: Promise<{ scanId: string }> }) {
  const parsed = z.string().uuid().safeParse((await params).scanId);
  if (!parsed.success) notFound();
  const scope = await requirePageScope();
  const db = getDb();
  const progress = await getScanProgress({ db, scope, scanId: parsed.data }).catch((err: { code?: string }) => {
    if (err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const coverageGaps = await listCoverageGaps({ db, scope, scanId: parsed.data });
  return (
    <ScanProgressView
      scanId={parsed.data}
      initial={JSON.parse(JSON.stringify({ ...progress, coverageGaps }))}
      canCancel={can(scope.role, "scans.run")}
    />
  );
}
