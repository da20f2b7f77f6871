/**
 * Business units and settings queries on the production-sized database of `bench:api`
 * (guardrail_bench_api: 500 accounts, 1,000,000 resources, 2,000,000 findings; seed it first with
 * `npm run bench:api -w @guardrail/bench -- --seed-only`). Calls the core functions the pages
 * and /api/v1 routes call, in-process, and prints p50 / p95 / max per query.
 *
 *   npx tsx bench/business-units-settings.ts [--runs 15] [--database guardrail_bench_api]
 *
 * The preview writes its draft inside a transaction that is always rolled back: the database
 * is left as it was.
 */
import { parseArgs } from "node:util";
import {
  countBusinessUnitContents,
  listAuditLog,
  listBusinessUnits,
  listMembers,
  listRuleCatalog,
  previewBusinessUnit,
  type TTenantScope,
} from "@guardrail/core";
import { createDb } from "@guardrail/db";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "15" }, database: { type: "string", default: "guardrail_bench_api" } },
});
const RUNS = Number(values.runs);
const base = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail");
base.pathname = `/${values.database}`;
const db = createDb({ databaseUrl: base.toString(), poolSize: 4 });

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} p50 ${pct(times, 50).toFixed(0).padStart(5)} ms   p95 ${pct(times, 95).toFixed(0).padStart(5)} ms   max ${times.at(-1)!.toFixed(0).padStart(5)} ms`,
  );
}

try {
  const owner = await db.membership.findFirst({ where: { role: "OWNER" }, orderBy: { createdAt: "asc" } });
  if (!owner) throw new Error("guardrail_bench_api has no tenant: run `npm run bench:api -w @guardrail/bench -- --seed-only` first");
  const scope: TTenantScope = { tenantId: owner.tenantId, userId: owner.userId, role: "OWNER" };
  const [resources, findings, units] = await Promise.all([
    db.resource.count({ where: { tenantId: scope.tenantId } }),
    db.finding.count({ where: { tenantId: scope.tenantId } }),
    db.businessUnit.count({ where: { tenantId: scope.tenantId } }),
  ]);
  console.log(`tenant: ${resources} resources, ${findings} findings, ${units} business units; ${RUNS} runs each`);
  const ou = await db.organizationalUnit.findFirst({ where: { tenantId: scope.tenantId, isRoot: false } });
  await measure("listBusinessUnits (rules, owners, SLA, accounts)", () => listBusinessUnits({ db, scope }));
  await measure("countBusinessUnitContents (streamed counts)", () => countBusinessUnitContents({ db, scope }));
  await measure("previewBusinessUnit (OU + resource tag)", () =>
    previewBusinessUnit({
      db,
      scope,
      input: {
        name: "bench preview",
        mappings: [
          ...(ou ? [{ kind: "OU" as const, ouId: ou.ouId }] : []),
          { kind: "RESOURCE_TAG" as const, tagKey: "team", tagValue: "payments" },
        ],
      },
    }),
  );
  await measure("previewBusinessUnit (a tag nothing carries)", () =>
    previewBusinessUnit({
      db,
      scope,
      input: { name: "bench preview", mappings: [{ kind: "RESOURCE_TAG" as const, tagKey: "team", tagValue: "nobody" }] },
    }),
  );
  await measure("listRuleCatalog", () => listRuleCatalog({ db, scope }));
  await measure("listRuleCatalog (framework + search)", () =>
    listRuleCatalog({ db, scope, filter: { framework: "CIS-AWS-3.0.0", q: "s3" } }),
  );
  await measure("listMembers", () => listMembers({ db, scope }));
  await measure("listAuditLog (page 1)", () => listAuditLog(db, scope, {}));
} finally {
  await db.$disconnect();
}
