/**
 * Persist the findings diff of N failing (rule, resource) pairs (default 1,000,000) into a
 * fresh isolated Postgres database, then re-apply the same evaluation (idempotency: nothing
 * changes), then resolve them all. Prints seconds and rows/s for each step and peak RSS.
 *
 *   npx tsx bench/findings-persist.ts [count]
 */
import { applyEvaluation } from "@guardrail/core";
import { createTestDatabase } from "@guardrail/db/testing";
import type { TRuleResult } from "@guardrail/rules";

const COUNT = Number(process.argv[2] ?? 1_000_000);
const RULES = ["aws.ec2.instance.imdsv2-required", "aws.ec2.instance.public-imdsv1", "aws.ec2.volume.encrypted", "aws.s3.bucket.versioning"];
const RESOURCES = Math.ceil(COUNT / RULES.length);

function arn(i: number): string {
  return `arn:aws:ec2:us-east-1:${String(100000000000 + (i % 50)).padStart(12, "0")}:instance/i-${i.toString(16).padStart(17, "0")}`;
}

function* results(status: "FAIL" | "PASS"): Generator<TRuleResult> {
  let n = 0;
  for (let i = 0; i < RESOURCES && n < COUNT; i++) {
    for (const ruleId of RULES) {
      if (n++ >= COUNT) return;
      yield {
        ruleId,
        resourceId: arn(i),
        accountId: String(100000000000 + (i % 50)).padStart(12, "0"),
        region: "us-east-1",
        resourceType: "AWS::EC2::Instance",
        status,
        severity: "HIGH",
        evidence: { "MetadataOptions.HttpTokens": "optional", InstanceId: `i-${i.toString(16)}` },
        message: `${ruleId} ${status}`,
      };
    }
  }
}

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);

async function main() {
  const t = await createTestDatabase();
  try {
    const tenant = await t.db.tenant.create({ data: { name: "bench", slug: "bench" } });
    const s0 = performance.now();
    await t.db.$executeRawUnsafe(
      `INSERT INTO "Resource" ("tenantId", "accountId", region, service, "resourceType", "resourceId", configuration, "configurationHash")
       SELECT $1::uuid, lpad((100000000000 + (i % 50))::text, 12, '0'), 'us-east-1', 'ec2', 'AWS::EC2::Instance',
              'arn:aws:ec2:us-east-1:' || lpad((100000000000 + (i % 50))::text, 12, '0') || ':instance/i-' || lpad(to_hex(i), 17, '0'),
              '{}'::jsonb, 'h'
         FROM generate_series(0, $2::int - 1) AS i`,
      tenant.id,
      RESOURCES,
    );
    console.log(`seeded ${RESOURCES.toLocaleString()} resources in ${((performance.now() - s0) / 1000).toFixed(1)} s`);

    const steps: [string, "FAIL" | "PASS", Date][] = [
      ["open", "FAIL", new Date("2026-01-01T00:00:00Z")],
      ["re-apply (idempotent)", "FAIL", new Date("2026-01-01T00:00:00Z")],
      ["resolve", "PASS", new Date("2026-01-02T00:00:00Z")],
    ];
    for (const [label, status, now] of steps) {
      const start = performance.now();
      const stepTimes = new Map<string, number>();
      const r = await applyEvaluation({
        db: t.db,
        tenantId: tenant.id,
        scanId: null,
        evaluatedScope: "ALL",
        now,
        results: results(status),
        onStep: (name, ms) => {
          stepTimes.set(name, (stepTimes.get(name) ?? 0) + ms);
        },
      });
      const s = (performance.now() - start) / 1000;
      console.log(
        `${label.padEnd(22)} ${COUNT.toLocaleString()} results in ${s.toFixed(1)} s ` +
          `(${Math.round(COUNT / s).toLocaleString()} results/s): opened ${r.opened}, resolved ${r.resolved}, updated ${r.updated}`,
      );
      console.log(
        `  steps: ${[...stepTimes].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(", ")}`,
      );
    }
    console.log(`findings: ${(await t.db.finding.count()).toLocaleString()}, events: ${(await t.db.findingEvent.count()).toLocaleString()}`);
    console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    clearInterval(rssTimer);
    await t.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
