import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../../context";
import { defineRule, fail, pass, type TRuleVerdict } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord, asRecords, asString } from "../../lib/values";

export interface TDanglingRecord {
  Name: string;
  Type: string;
  target: string;
  reason: string;
}

const S3_ENDPOINT = /^(?:(.+)\.)?s3(?:[.-]website)?[.-](?:[a-z0-9-]+\.)?amazonaws\.com\.?$/;
const EC2_HOSTNAME = /^ec2-(\d+)-(\d+)-(\d+)-(\d+)\.(?:[a-z0-9-]+\.)?compute(?:-1)?\.amazonaws\.com\.?$/;

function isPrivateIp(ip: string): boolean {
  const [a, b] = ip.split(".").map(Number);
  return a === 10 || a === 127 || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
}

/** Every public IPv4 held by a collected resource (instances, Elastic IPs, network interfaces). */
export function collectPublicIps(ctx: TRuleContext): Set<string> {
  return ctx.memo("public-ips", () => {
    const ips = new Set<string>();
    for (const i of ctx.byType("AWS::EC2::Instance")) {
      const ip = asString(i.configuration.PublicIpAddress);
      if (ip) ips.add(ip);
    }
    for (const e of ctx.byType("AWS::EC2::EIP")) {
      const ip = asString(e.configuration.PublicIp);
      if (ip) ips.add(ip);
    }
    for (const n of ctx.byType("AWS::EC2::NetworkInterface")) {
      const ip = asString(asRecord(n.configuration.Association)?.PublicIp);
      if (ip) ips.add(ip);
    }
    return ips;
  });
}

function collectBucketNames(ctx: TRuleContext): Set<string> {
  return ctx.memo("bucket-names", () => new Set(ctx.byType("AWS::S3::Bucket").map((b) => asString(b.configuration.Name) ?? b.resourceId.replace("arn:aws:s3:::", ""))));
}

function bucketOf(recordName: string, target: string): string | null {
  const m = S3_ENDPOINT.exec(target.toLowerCase());
  if (!m) return null;
  // virtual-hosted style names the bucket in the host; website/alias targets use the record name
  return m[1] && !/^s3[.-]/.test(m[1]) ? m[1] : recordName.replace(/\.$/, "").toLowerCase();
}

function findDanglingRecords(zone: TCollectedResource, ctx: TRuleContext): TDanglingRecord[] {
  const ips = collectPublicIps(ctx);
  const buckets = collectBucketNames(ctx);
  const out: TDanglingRecord[] = [];
  for (const rrs of asRecords(zone.configuration.ResourceRecordSets)) {
    const name = asString(rrs.Name) ?? "";
    const type = asString(rrs.Type) ?? "";
    const alias = asString(asRecord(rrs.AliasTarget)?.DNSName);
    const values = asRecords(rrs.ResourceRecords).map((r) => asString(r.Value) ?? "");
    const targets = alias ? [alias] : values;
    for (const target of targets) {
      if ((type === "CNAME" || alias) && S3_ENDPOINT.test(target.toLowerCase())) {
        const bucket = bucketOf(name, target);
        if (bucket && !buckets.has(bucket)) out.push({ Name: name, Type: type, target, reason: `S3 bucket "${bucket}" does not exist in the inventory` });
        continue;
      }
      const ec2 = type === "CNAME" ? EC2_HOSTNAME.exec(target.toLowerCase()) : null;
      if (ec2) {
        const ip = ec2.slice(1, 5).join(".");
        if (!ips.has(ip)) out.push({ Name: name, Type: type, target, reason: `EC2 public address ${ip} is held by no collected resource` });
        continue;
      }
      if (type === "A" && !alias && /^\d+\.\d+\.\d+\.\d+$/.test(target) && !isPrivateIp(target) && !ips.has(target)) {
        out.push({ Name: name, Type: type, target, reason: `IP ${target} is held by no collected instance, Elastic IP or network interface` });
      }
    }
  }
  return out;
}

export const route53HostedZoneNoDanglingRecordsRule = defineRule({
  id: "aws.route53.hosted-zone.no-dangling-records",
  title: "Public DNS records do not point at resources that no longer exist",
  description:
    "Fails when a record of the hosted zone points at an S3 bucket (CNAME or alias to an S3/S3-website endpoint) that is not in the inventory, at an EC2 hostname (ec2-a-b-c-d.*.amazonaws.com) or public A-record IP held by no collected instance, Elastic IP or network interface. Requires complete EC2 and S3 collections of every scanned account; records to addresses outside AWS also fail the IP test, so review the evidence. No CIS or FSBP control covers dangling DNS, hence no framework mapping.",
  rationale: "A record that points at a released IP or a deleted bucket lets anyone who claims that IP or bucket name serve content on your domain (subdomain takeover).",
  severity: "HIGH",
  service: "route53",
  resourceTypes: ["AWS::Route53::HostedZone"],
  requires: [{ service: "route53", resourceTypes: ["AWS::Route53::HostedZone"] }, { service: "ec2" }, { service: "s3" }],
  frameworks: [],
  remediation: {
    console: ["Open the Route 53 console → Hosted zones → the zone; delete or update each record listed in the evidence before anyone claims the target."],
    cli: "aws route53 change-resource-record-sets --hosted-zone-id <zone-id> --change-batch '{\"Changes\":[{\"Action\":\"DELETE\",\"ResourceRecordSet\":{\"Name\":\"<name>\",\"Type\":\"CNAME\",\"TTL\":300,\"ResourceRecords\":[{\"Value\":\"<target>\"}]}}]}'",
    terraform: '# Reference targets instead of hard-coding them, so deleting the target removes the record:\nresource "aws_route53_record" "www" {\n  zone_id = aws_route53_zone.main.zone_id\n  name    = "www.example.com"\n  type    = "A"\n  ttl     = 300\n  records = [aws_eip.web.public_ip]\n}',
    cloudformation: "Record:\n  Type: AWS::Route53::RecordSet\n  Properties:\n    HostedZoneId: !Ref Zone\n    Name: www.example.com\n    Type: A\n    TTL: '300'\n    ResourceRecords: [!Ref WebEip]",
  },
  references: [
    "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-deleting.html",
    "https://aws.amazon.com/blogs/security/protect-against-dangling-dns-records-with-amazon-route-53/",
  ],
  evaluate(resource, ctx): TRuleVerdict {
    const config = asRecord(resource.configuration.Config);
    if (config?.PrivateZone === true) {
      return { status: "NOT_APPLICABLE", message: "Private hosted zone", evidence: { "Config.PrivateZone": true } };
    }
    const missing = checkDataAvailable(resource, ctx, { operations: ["ListResourceRecordSets"] });
    if (missing) return missing;
    const dangling = findDanglingRecords(resource, ctx);
    const evidence = { HostedZone: resource.configuration.Name ?? resource.name, danglingRecords: dangling };
    if (dangling.length === 0) return pass("No record points at a missing resource", evidence);
    // A missing target only proves something when the inventory that would hold it is complete.
    const accounts = new Set([resource.accountId, ...ctx.byType("AWS::IAM::AccountSettings").map((r) => r.accountId)]);
    for (const accountId of accounts) {
      for (const service of ["ec2", "s3"] as const) {
        const records = ctx.collectionsOf(accountId, service);
        const incomplete = records.find((c) => c.status !== "COMPLETE");
        if (incomplete) {
          return { status: "UNABLE_TO_EVALUATE", message: `The ${service} collection of ${accountId}/${incomplete.region} is ${incomplete.status}`, evidence: { ...evidence, collection: incomplete } };
        }
      }
    }
    return fail(`${dangling.length} record(s) point at resources that no longer exist`, evidence);
  },
});
