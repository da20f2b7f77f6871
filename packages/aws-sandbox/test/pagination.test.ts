import * as ORG from "@aws-sdk/client-organizations";
import * as IAM from "@aws-sdk/client-iam";
import * as EC2 from "@aws-sdk/client-ec2";
import * as S3 from "@aws-sdk/client-s3";
import * as LAMBDA from "@aws-sdk/client-lambda";
import * as EKS from "@aws-sdk/client-eks";
import * as SQS from "@aws-sdk/client-sqs";
import * as SNS from "@aws-sdk/client-sns";
import * as RDS from "@aws-sdk/client-rds";
import * as KMS from "@aws-sdk/client-kms";
import * as GD from "@aws-sdk/client-guardduty";
import * as AA from "@aws-sdk/client-accessanalyzer";
import * as R53 from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSandbox } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MANAGEMENT, MEMBER } from "./test-world";

let sandbox: TSandbox;
let member: TCredentials;
let management: TCredentials;

async function collect<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    items.push(...(pick(page) ?? []));
  }
  return { items, pages: count };
}

beforeAll(async () => {
  const world = buildTestWorld();
  world.behaviour = { pageSize: 1 };
  sandbox = await startTestSandbox({ world });
  member = await assumeScannerRole(sandbox, MEMBER);
  management = await assumeScannerRole(sandbox, MANAGEMENT);
});
afterAll(async () => {
  await sandbox.stop();
});

describe("behaviour.pageSize: 1 forces one item a page, and the SDK paginators walk them all", () => {
  it("Organizations", async () => {
    const client = new ORG.OrganizationsClient(clientConfig(sandbox, management));
    const accounts = await collect(ORG.paginateListAccounts({ client }, {}), (p) => p.Accounts);
    expect(accounts).toMatchObject({ pages: 3, items: [{ Id: MANAGEMENT }, { Id: MEMBER }, { Id: "333333333333" }] });
    const ous = await collect(ORG.paginateListOrganizationalUnitsForParent({ client }, { ParentId: "r-test" }), (p) => p.OrganizationalUnits);
    expect(ous.pages).toBe(2);
    const policies = await collect(ORG.paginateListPoliciesForTarget({ client }, { TargetId: "ou-test-workload", Filter: "SERVICE_CONTROL_POLICY" }), (p) => p.Policies);
    expect(policies.items.map((p) => p.Id)).toEqual(["p-FullAWSAccess", "p-denyleave"]);
    const targets = await collect(ORG.paginateListTargetsForPolicy({ client }, { PolicyId: "p-FullAWSAccess" }), (p) => p.Targets);
    expect(targets.pages).toBe(7);
  });

  it("IAM GetAccountAuthorizationDetails (Marker/IsTruncated)", async () => {
    const client = new IAM.IAMClient(clientConfig(sandbox, member));
    const result = await collect(IAM.paginateGetAccountAuthorizationDetails({ client }, {}), (p) => [...(p.UserDetailList ?? []), ...(p.GroupDetailList ?? []), ...(p.RoleDetailList ?? []), ...(p.Policies ?? [])]);
    expect(result.pages).toBe(10);
    expect(result.items).toHaveLength(10);
    const first = await client.send(new IAM.GetAccountAuthorizationDetailsCommand({}));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
  });

  it("EC2 NextToken", async () => {
    const client = new EC2.EC2Client(clientConfig(sandbox, member));
    const instances = await collect(EC2.paginateDescribeInstances({ client }, {}), (p) => p.Reservations?.flatMap((r) => r.Instances ?? []));
    expect(instances.items.map((i) => i.InstanceId)).toEqual(["i-0001", "i-0002", "i-0003"]);
    expect(instances.pages).toBe(3);
    const groups = await collect(EC2.paginateDescribeSecurityGroups({ client }, {}), (p) => p.SecurityGroups);
    expect(groups.pages).toBe(2);
    const snapshots = await collect(EC2.paginateDescribeSnapshots({ client }, { OwnerIds: ["self"] }), (p) => p.Snapshots);
    expect(snapshots.items.map((s) => s.SnapshotId)).toEqual(["snap-1", "snap-2"]);
    await expect(client.send(new EC2.DescribeVpcsCommand({ NextToken: "garbage" }))).rejects.toMatchObject({ name: "InvalidPaginationToken" });
  });

  it("S3 ListBuckets (ContinuationToken)", async () => {
    const client = new S3.S3Client({ ...clientConfig(sandbox, member), forcePathStyle: true });
    const buckets = await collect(S3.paginateListBuckets({ client }, {}), (p) => p.Buckets);
    expect(buckets).toMatchObject({ pages: 3, items: [{ Name: "public-site" }, { Name: "private-logs" }, { Name: "bare-bucket" }] });
  });

  it("Lambda, EKS, SQS, SNS, RDS, KMS, GuardDuty, Access Analyzer, Route 53", async () => {
    const lambda = await collect(LAMBDA.paginateListFunctions({ client: new LAMBDA.LambdaClient(clientConfig(sandbox, member)) }, {}), (p) => p.Functions);
    expect(lambda.pages).toBe(2);
    const eks = await collect(EKS.paginateListClusters({ client: new EKS.EKSClient(clientConfig(sandbox, member)) }, {}), (p) => p.clusters);
    expect(eks.items).toEqual(["prod"]);
    const sqs = await collect(SQS.paginateListQueues({ client: new SQS.SQSClient(clientConfig(sandbox, member)) }, {}), (p) => p.QueueUrls);
    expect(sqs).toMatchObject({ pages: 2, items: [expect.stringMatching(/orders$/), expect.stringMatching(/audit$/)] });
    const sns = await collect(SNS.paginateListTopics({ client: new SNS.SNSClient(clientConfig(sandbox, member)) }, {}), (p) => p.Topics);
    expect(sns.pages).toBe(2);
    const rds = await collect(RDS.paginateDescribeDBInstances({ client: new RDS.RDSClient(clientConfig(sandbox, member)) }, {}), (p) => p.DBInstances);
    expect(rds.items.map((i) => i.DBInstanceIdentifier)).toEqual(["db-1", "db-2"]);
    const kms = await collect(KMS.paginateListKeys({ client: new KMS.KMSClient(clientConfig(sandbox, member)) }, {}), (p) => p.Keys);
    expect(kms).toMatchObject({ pages: 2, items: [{ KeyId: "k1" }, { KeyId: "k2" }] });
    const gd = await collect(GD.paginateListDetectors({ client: new GD.GuardDutyClient(clientConfig(sandbox, member)) }, {}), (p) => p.DetectorIds);
    expect(gd.items).toEqual(["det1"]);
    const aa = await collect(AA.paginateListAnalyzers({ client: new AA.AccessAnalyzerClient(clientConfig(sandbox, member)) }, {}), (p) => p.analyzers);
    expect(aa.items).toHaveLength(1);
    const r53 = new R53.Route53Client(clientConfig(sandbox, member));
    const zones = await collect(R53.paginateListHostedZones({ client: r53 }, {}), (p) => p.HostedZones);
    expect(zones.pages).toBe(2);
    // ListResourceRecordSets has no SDK paginator: walk NextRecordName/NextRecordType as collectors do.
    const records: string[] = [];
    let start: { StartRecordName?: string; StartRecordType?: R53.RRType } = {};
    for (let page = 0; page < 10; page++) {
      const out = await r53.send(new R53.ListResourceRecordSetsCommand({ HostedZoneId: "Z111", ...start }));
      records.push(...(out.ResourceRecordSets ?? []).map((r) => `${r.Name} ${r.Type}`));
      if (!out.IsTruncated) break;
      start = { StartRecordName: out.NextRecordName!, StartRecordType: out.NextRecordType! };
    }
    expect(records).toEqual(["example.com. NS", "example.com. SOA", "www.example.com. CNAME"]);
  });
});
