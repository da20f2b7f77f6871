import { authorize, exportFindingsCsv, parseFindingsSearchParams } from "@guardrail/core";
import { getFindingsCatalog } from "@/components/findings/rule-catalog";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/findings/export?<the list's filters>[&mine=1] — the filtered findings as CSV,
 * streamed in chunks (no page limit). Needs `findings.export`.
 */
export const GET = withApiErrors("GET /api/v1/findings/export", async (request: Request) => {
  const scope = await requireApiScope();
  authorize(scope, "findings.export");
  const url = new URL(request.url);
  const sp: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (sp[k] ??= []).push(v);
  const { filters } = parseFindingsSearchParams(sp);
  const rows = exportFindingsCsv({
    db: getDb(),
    scope,
    filters,
    rules: getFindingsCatalog().view,
    mine: url.searchParams.get("mine") === "1",
  });
  // Pull the first chunk before answering, so a refused or invalid export is an HTTP error.
  const first = await rows.next();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        console.error(
          "[api] findings export failed:",
          err instanceof Error ? err.message : "unknown error",
        );
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="guardrail-findings-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
