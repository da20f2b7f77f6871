/**
 * guardrail — the command-line face of Guardrail.
 *
 *   guardrail scan --world <file.json> --role-arn … --member-role-name … --external-id …
 *   guardrail scan --role-arn arn:aws:iam::123456789012:role/GuardrailOrgReader --member-role-name GuardrailScanner --external-id … [--regions us-east-1,eu-west-1]
 *   guardrail rules [--format table|json] [--framework CIS-AWS-3.0.0] [--service s3]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startSandbox } from "@guardrail/aws-sandbox";
import { loadActionCatalog } from "@guardrail/iam";
import { buildRuleContext, evaluateRules, listRules, RULE_CATALOG, toRuleMetadata, type TRuleResult, type TSeverity } from "@guardrail/rules";
import { formatCsv, formatTable, severityAtLeast, SEVERITY_ORDER, sortFindings, toOcsf } from "./output/findings-output";
import { createProgressBar } from "./output/progress-bar";
import { scanOrganizationInProcess } from "./scan/in-process-scan";

const USAGE = `Usage:
  guardrail scan [--world <world.json>] --role-arn <management role ARN> --member-role-name <name>
                 --external-id <id> [--regions r1,r2] [--format table|json|csv|ocsf]
                 [--fail-on critical|high|medium|low|info] [--concurrency 32] [--output <file>]
  guardrail rules [--format table|json] [--framework <id>] [--service <service>]

With --world, Guardrail starts its AWS sandbox on that world file and scans it with the
world's vendor keys; without it, it scans real AWS with the standard AWS credential chain.
Exit codes: 0 ok, 1 a failing check at or above --fail-on, 2 usage or scan error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === "rules") return commandRules(rest);
  if (command === "scan") return commandScan(rest);
  throw new UsageError(`unknown command "${command}"`);
}

function commandRules(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: { format: { type: "string", default: "table" }, framework: { type: "string" }, service: { type: "string" } },
  });
  const rules = listRules({ ...(values.framework ? { framework: values.framework } : {}), ...(values.service ? { service: values.service } : {}) });
  if (values.format === "json") {
    process.stdout.write(JSON.stringify(rules.map(toRuleMetadata), null, 2) + "\n");
    return 0;
  }
  if (values.format !== "table") throw new UsageError(`--format must be table or json (got "${values.format}")`);
  // One group per framework: "CIS-AWS-3.0.0 1.4 | AWS-FSBP IAM.4 | NIST-800-53-r5 AC-2(1),AC-6 | PCI-DSS-4.0 8.4.2".
  const groupFrameworks = (r: (typeof rules)[number]) =>
    [...new Set(r.frameworks.map((f) => f.framework))]
      .map((fw) => `${fw} ${r.frameworks.filter((f) => f.framework === fw).map((f) => f.controlId).join(",")}`)
      .join(" | ");
  const rows = rules.map((r) => [r.severity, r.id, r.title, groupFrameworks(r)]);
  const widths = [8, Math.max(...rows.map((r) => r[1]!.length), 2)];
  for (const r of rows) console.log(`${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}${r[3] ? `  [${r[3]}]` : ""}`);
  console.error(`${rules.length} rules`);
  return 0;
}

async function commandScan(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      world: { type: "string" },
      "role-arn": { type: "string" },
      "member-role-name": { type: "string" },
      "external-id": { type: "string" },
      regions: { type: "string", default: "" },
      format: { type: "string", default: "table" },
      "fail-on": { type: "string" },
      concurrency: { type: "string", default: "32" },
      output: { type: "string" },
    },
  });
  const format = values.format ?? "table";
  if (!["table", "json", "csv", "ocsf"].includes(format)) throw new UsageError(`--format must be table, json, csv or ocsf (got "${format}")`);
  const failOn = values["fail-on"]?.toUpperCase() as TSeverity | undefined;
  if (failOn && !SEVERITY_ORDER.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITY_ORDER.join(", ").toLowerCase()}`);
  for (const required of ["role-arn", "member-role-name", "external-id"] as const) {
    if (!values[required]) throw new UsageError(`--${required} is required`);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError("--concurrency must be a positive integer");

  const sandbox = values.world ? await startSandbox({ world: values.world, port: 0 }) : null;
  const progress = createProgressBar();
  try {
    const vendor = values.world ? (JSON.parse(readFileSync(values.world, "utf8")) as { vendor: { accessKeyId: string; secretAccessKey: string } }).vendor : null;
    const scan = await scanOrganizationInProcess(
      {
        managementRoleArn: values["role-arn"]!,
        memberRoleName: values["member-role-name"]!,
        externalId: values["external-id"]!,
        regions: values.regions ? values.regions.split(",").map((r) => r.trim()).filter(Boolean) : [],
        concurrency,
        ...(sandbox && vendor
          ? { endpoint: sandbox.url, vendorCredentials: async () => ({ accessKeyId: vendor.accessKeyId, secretAccessKey: vendor.secretAccessKey }) }
          : {}),
      },
      (p) => progress.update(p.phase, p.done, p.total),
    );
    progress.done();

    const now = new Date();
    const ctx = buildRuleContext({ resources: scan.resources, collections: scan.collections, now, iamActionCatalog: await loadActionCatalog() });
    const failing: TRuleResult[] = [];
    const { counts } = evaluateRules({ rules: RULE_CATALOG, ctx, onResult: (r) => r.status === "FAIL" && failing.push(r) });
    const findings = sortFindings(failing);
    const rulesById = new Map(RULE_CATALOG.map((r) => [r.id, r]));

    const out =
      format === "json"
        ? JSON.stringify({ organizationId: scan.organizationId, accounts: scan.accounts, resources: scan.resources.length, apiCalls: scan.apiCalls, counts, coverageGaps: scan.coverageGaps, findings }, null, 2) + "\n"
        : format === "csv"
          ? formatCsv(findings, rulesById)
          : format === "ocsf"
            ? JSON.stringify(toOcsf(findings, rulesById, now), null, 2) + "\n"
            : formatTable(findings, rulesById, process.stdout.columns ?? 160);
    if (values.output) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(values.output, out);
    } else process.stdout.write(out);

    console.error(
      `organization ${scan.organizationId}: ${scan.accounts} accounts, ${scan.resources.length} resources, ${scan.apiCalls} API calls; ` +
        `checks: ${counts.FAIL} failing, ${counts.PASS} passing, ${counts.UNABLE_TO_EVALUATE} unable to evaluate, ${counts.NOT_APPLICABLE} not applicable`,
    );
    for (const gap of scan.coverageGaps) console.error(`coverage gap: ${gap}`);
    if (failOn && findings.some((f) => severityAtLeast(f.severity, failOn))) {
      console.error(`failing: at least one check at or above ${failOn}`);
      return 1;
    }
    return 0;
  } finally {
    progress.done();
    await sandbox?.stop();
  }
}

main(process.argv.slice(2)).then(
  // Exit only once stdout is flushed: a large JSON output into a pipe would be cut otherwise.
  (code) => process.stdout.write("", () => process.exit(code)),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`guardrail: ${err.message}\n\n${USAGE}`);
    else console.error(`guardrail: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
