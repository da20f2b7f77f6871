/**
 * The collectors against the AWS sandbox (`@guardrail/aws-sandbox`) with demo-small.json:
 * real SDK clients, SigV4, AssumeRole with the external ID, the sandbox's faults and throttling.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testMemberAccess } from "./access/member-access";
import { COLLECTORS, findCollector, listCollectionTasks } from "./collectors";
import { runCollector } from "./core/collector";
import { createCredentialBroker } from "./core/credential-broker";
import { createInMemoryRateLimiter } from "./core/rate-limiter";
import { listEnabledRegions } from "./ec2/ec2.regions";
import { discoverOrganization } from "./organizations/organizations.discovery";
import type { TCollectedResource, TCollectionResult, TServiceKey } from "./resource-model";
import { buildExtendedWorld } from "./test-support/extended-world";
import {
  readDemoWorld,
  startHarness,
  type THarness,
  type TTestWorld,
} from "./test-support/sandbox-harness";

type TAny = Record<string, unknown> & { [key: string]: TAny | TAny[] | string | undefined };

/** The (resourceType, resourceId) pairs docs/resource-model.md says a world account yields. */
function expectedResourceKeys(world: TTestWorld, accountId: string, regions: string[]): string[] {
  const account = world.accounts.find((a) => a.Id === accountId) as unknown as TAny;
  const keys: string[] = [`AWS::IAM::AccountSettings|arn:aws:iam::${accountId}:account-settings`];
  const iam = (account.iam as TAny | undefined)?.AuthorizationDetails as TAny | undefined;
  for (const u of (iam?.UserDetailList as TAny[] | undefined) ?? [])
    keys.push(`AWS::IAM::User|${u.Arn}`);
  for (const g of (iam?.GroupDetailList as TAny[] | undefined) ?? [])
    keys.push(`AWS::IAM::Group|${g.Arn}`);
  for (const r of (iam?.RoleDetailList as TAny[] | undefined) ?? [])
    keys.push(`AWS::IAM::Role|${r.Arn}`);
  // AWS-managed policies are one row per account: `<arn>#<account>`.
  for (const p of (iam?.Policies as TAny[] | undefined) ?? [])
    keys.push(
      `AWS::IAM::Policy|${String(p.Arn).startsWith("arn:aws:iam::aws:") ? `${p.Arn}#${accountId}` : p.Arn}`,
    );
  keys.push(`AWS::S3::AccountPublicAccessBlock|arn:aws:s3:::account/${accountId}`);
  for (const b of ((account.s3 as TAny | undefined)?.Buckets as TAny[] | undefined) ?? []) {
    keys.push(`AWS::S3::Bucket|arn:aws:s3:::${b.Name}`);
  }
  const allRegions = (account.regions as Record<string, TAny> | undefined) ?? {};
  for (const region of regions) {
    const r = allRegions[region] ?? {};
    const ec2 = (r.ec2 as TAny | undefined) ?? {};
    const arn = (kind: string, id: unknown) => `arn:aws:ec2:${region}:${accountId}:${kind}/${id}`;
    const list = (key: string) => (ec2[key] as TAny[] | undefined) ?? [];
    keys.push(`AWS::EC2::RegionalSettings|arn:aws:ec2:${region}:${accountId}:regional-settings`);
    for (const i of list("Instances"))
      keys.push(`AWS::EC2::Instance|${arn("instance", i.InstanceId)}`);
    for (const g of list("SecurityGroups"))
      keys.push(`AWS::EC2::SecurityGroup|${arn("security-group", g.GroupId)}`);
    for (const v of list("Vpcs")) keys.push(`AWS::EC2::VPC|${arn("vpc", v.VpcId)}`);
    for (const s of list("Subnets"))
      keys.push(`AWS::EC2::Subnet|${s.SubnetArn ?? arn("subnet", s.SubnetId)}`);
    for (const f of list("FlowLogs"))
      keys.push(`AWS::EC2::FlowLog|${arn("vpc-flow-log", f.FlowLogId)}`);
    for (const e of list("VpcEndpoints"))
      keys.push(`AWS::EC2::VPCEndpoint|${arn("vpc-endpoint", e.VpcEndpointId)}`);
    for (const v of list("Volumes")) keys.push(`AWS::EC2::Volume|${arn("volume", v.VolumeId)}`);
    for (const s of list("Snapshots"))
      keys.push(`AWS::EC2::Snapshot|arn:aws:ec2:${region}::snapshot/${s.SnapshotId}`);
    for (const n of list("NetworkInterfaces"))
      keys.push(`AWS::EC2::NetworkInterface|${arn("network-interface", n.NetworkInterfaceId)}`);
    for (const a of list("Addresses"))
      keys.push(`AWS::EC2::EIP|${arn("elastic-ip", a.AllocationId ?? a.PublicIp)}`);
    const sub = (service: string, key: string) =>
      ((r[service] as TAny | undefined)?.[key] as TAny[] | undefined) ?? [];
    for (const f of sub("lambda", "Functions")) keys.push(`AWS::Lambda::Function|${f.FunctionArn}`);
    for (const c of sub("eks", "Clusters")) {
      keys.push(`AWS::EKS::Cluster|${c.arn}`);
      for (const n of (c.Nodegroups as TAny[] | undefined) ?? [])
        keys.push(`AWS::EKS::Nodegroup|${n.nodegroupArn}`);
    }
    for (const q of sub("sqs", "Queues"))
      keys.push(`AWS::SQS::Queue|${(q.Attributes as TAny).QueueArn}`);
    for (const t of sub("sns", "Topics")) keys.push(`AWS::SNS::Topic|${t.TopicArn}`);
    for (const d of sub("rds", "DBInstances")) keys.push(`AWS::RDS::DBInstance|${d.DBInstanceArn}`);
    for (const s of sub("rds", "DBSnapshots")) keys.push(`AWS::RDS::DBSnapshot|${s.DBSnapshotArn}`);
    for (const t of sub("cloudtrail", "Trails")) keys.push(`AWS::CloudTrail::Trail|${t.TrailARN}`);
    for (const k of sub("kms", "Keys")) keys.push(`AWS::KMS::Key|${(k.KeyMetadata as TAny).Arn}`);
    keys.push(
      `AWS::GuardDuty::RegionalSettings|arn:aws:guardduty:${region}:${accountId}:regional-settings`,
    );
    keys.push(
      `AWS::Config::RegionalSettings|arn:aws:config:${region}:${accountId}:regional-settings`,
    );
    keys.push(
      `AWS::AccessAnalyzer::RegionalSettings|arn:aws:access-analyzer:${region}:${accountId}:regional-settings`,
    );
    if (region === "us-east-1") {
      for (const z of sub("route53", "HostedZones")) {
        keys.push(
          `AWS::Route53::HostedZone|arn:aws:route53:::hostedzone/${String(z.Id).replace(/^\/?hostedzone\//, "")}`,
        );
      }
    }
  }
  return keys.sort();
}

async function collectAccount(
  h: THarness,
  accountId: string,
  regions: string[],
): Promise<TCollectionResult[]> {
  return Promise.all(
    listCollectionTasks(regions).map(({ collector, region }) =>
      runCollector({ collector, clients: h.clients, accountId, region }),
    ),
  );
}

function byId(results: TCollectionResult[], id: string): TCollectedResource {
  const found = results.flatMap((r) => r.resources).find((r) => r.resourceId === id);
  if (!found) throw new Error(`resource ${id} not collected`);
  return found;
}

function collector(key: TServiceKey) {
  const c = findCollector(key);
  if (!c) throw new Error(`no collector ${key}`);
  return c;
}

describe("collectors against the sandbox (demo-small.json)", () => {
  const world = readDemoWorld();
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ world });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("discovers the organization: 3 accounts with parents and tags, the OU tree, SCPs with content and targets", async () => {
    const org = await discoverOrganization({
      clients: h.clients,
      managementAccountId: h.managementAccountId,
    });
    expect(org.organization).toMatchObject({
      Id: "o-exampleorg1",
      MasterAccountId: "111111111111",
    });
    expect(org.accounts.map((a) => [a.Id, a.ParentId, a.IsManagementAccount, a.Status])).toEqual(
      world.accounts.map((a) => [a.Id, a.ParentId, a.Id === "111111111111", "ACTIVE"]),
    );
    expect(org.accounts.find((a) => a.Id === "333333333333")?.Tags).toEqual([
      { Key: "BusinessUnit", Value: "Payments" },
      { Key: "Environment", Value: "prod" },
    ]);
    expect(org.roots.map((r) => r.Id)).toEqual(["r-ex01"]);
    expect(org.organizationalUnits.map((ou) => [ou.Id, ou.ParentId]).sort()).toEqual(
      world.organization.OrganizationalUnits.map((ou) => [ou.Id, ou.ParentId]).sort(),
    );
    expect(org.policies.map((p) => [p.PolicySummary.Arn, p.Content, p.Targets]).sort()).toEqual(
      world.organization.Policies.map((p) => [p.PolicySummary.Arn, p.Content, p.Targets]).sort(),
    );
    expect(org.collection.status).toBe("COMPLETE");
    expect(org.collection.resources.map((r) => r.resourceType).sort()).toEqual([
      ...Array(3).fill("AWS::Organizations::Account"),
      ...Array(3).fill("AWS::Organizations::OrganizationalUnit"),
      ...Array(2).fill("AWS::Organizations::Policy"),
    ]);
    expect(org.collection.apiCalls).toBeGreaterThan(5);
  });

  it("lists the enabled regions", async () => {
    const regions = await listEnabledRegions({ clients: h.clients, accountId: "333333333333" });
    expect(regions).toContain("us-east-1");
  });

  it("every collector returns each world account's resources with the right types, ids and counts", async () => {
    expect(COLLECTORS.map((c) => c.key).sort()).toEqual([
      "accessanalyzer",
      "cloudtrail",
      "config",
      "ec2",
      "ecs",
      "eks",
      "guardduty",
      "iam",
      "kms",
      "lambda",
      "rds",
      "route53",
      "s3",
      "secretsmanager",
      "sns",
      "sqs",
    ]);
    for (const account of world.accounts) {
      const regions = await listEnabledRegions({ clients: h.clients, accountId: account.Id });
      const results = await collectAccount(h, account.Id, regions);
      for (const result of results)
        expect(result, `${result.service} ${result.region}`).toMatchObject({
          status: "COMPLETE",
          errors: [],
        });
      const keys = results
        .flatMap((r) => r.resources.map((x) => `${x.resourceType}|${x.resourceId}`))
        .sort();
      expect(keys, account.Id).toEqual(expectedResourceKeys(world, account.Id, regions));
      for (const r of results.flatMap((x) => x.resources)) expect(r.accountId).toBe(account.Id);
    }
    expect(h.sandbox.stats().unknownOperations).toEqual([]);
  }, 30_000);

  it("fills the documented configuration fields", async () => {
    const results = await collectAccount(h, "333333333333", ["us-east-1"]);
    const role = byId(results, "arn:aws:iam::333333333333:role/monitoring-vendor");
    expect(JSON.parse(role.configuration.AssumeRolePolicyDocument as string)).toMatchObject({
      Version: "2012-10-17",
    });
    const inline = (role.configuration.RolePolicyList as Array<{ PolicyDocument: string }>)[0];
    expect(JSON.parse(inline?.PolicyDocument ?? "")).toMatchObject({
      Statement: [{ Effect: "Allow" }],
    });

    const user = byId(results, "arn:aws:iam::333333333333:user/ci-deployer");
    expect(user.configuration.CredentialReport).toMatchObject({
      user: "ci-deployer",
      mfa_active: "false",
      access_key_1_active: "true",
    });
    expect(user.configuration.MFADevices).toEqual([]);

    const settings = byId(results, "arn:aws:iam::333333333333:account-settings");
    expect(settings.configuration).toMatchObject({
      PasswordPolicy: null,
      AccountAliases: ["acme-prod-payments"],
      RootCredentialReport: { user: "<root_account>", mfa_active: "true" },
      AccountSummary: { Users: 1, Roles: 4 },
    });
    expect(typeof settings.configuration.CredentialReportGeneratedTime).toBe("string");

    const exports = byId(results, "arn:aws:s3:::acme-payments-exports");
    expect(exports.region).toBe("us-east-1");
    expect(exports.configuration).toMatchObject({
      PublicAccessBlockConfiguration: null,
      LoggingEnabled: null,
      PolicyStatus: { IsPublic: true },
    });
    expect(JSON.parse(exports.configuration.Policy as string)).toMatchObject({
      Statement: [{ Sid: "PublicRead" }],
    });
    expect(byId(results, "arn:aws:s3:::acme-payments-ledger").configuration).toMatchObject({
      Versioning: { Status: "Enabled" },
      LoggingEnabled: { TargetBucket: "acme-payments-logs", TargetPrefix: "ledger/" },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true },
    });
    expect(byId(results, "arn:aws:s3:::account/333333333333").configuration).toEqual({
      PublicAccessBlockConfiguration: null,
    });

    const instance = byId(
      results,
      "arn:aws:ec2:us-east-1:333333333333:instance/i-0pay000000000001",
    );
    expect(instance).toMatchObject({
      name: "payments-web-1",
      configuration: {
        MetadataOptions: { HttpTokens: "optional" },
        PublicIpAddress: "203.0.113.10",
      },
    });
    expect(instance.configuration.LaunchTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(
      byId(results, "arn:aws:ec2:us-east-1:333333333333:regional-settings").configuration,
    ).toMatchObject({ EbsEncryptionByDefault: false });
    const queue = byId(results, "arn:aws:sqs:us-east-1:333333333333:payment-events");
    expect((queue.configuration.Attributes as Record<string, string>).SqsManagedSseEnabled).toBe(
      "true",
    );
    expect(
      byId(results, "arn:aws:lambda:us-east-1:333333333333:function:settlement").configuration,
    ).toMatchObject({ Runtime: "python3.8", Policy: null });
    expect(
      byId(results, "arn:aws:eks:us-east-1:333333333333:cluster/payments").configuration,
    ).toMatchObject({
      resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] },
    });

    const mgmt = await collectAccount(h, "111111111111", ["us-east-1"]);
    expect(
      byId(mgmt, "arn:aws:cloudtrail:us-east-1:111111111111:trail/org-trail").configuration,
    ).toMatchObject({
      IsMultiRegionTrail: true,
      Status: { IsLogging: true },
      EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }],
    });
    expect(
      byId(mgmt, "arn:aws:guardduty:us-east-1:111111111111:regional-settings").configuration,
    ).toMatchObject({
      Detectors: [{ DetectorId: "d1mgmt", Status: "ENABLED" }],
    });
  }, 30_000);

  it("assumes each role once and reuses the credentials", async () => {
    await collectAccount(h, "222222222222", ["us-east-1"]);
    // PostureOrgReader (management) and PostureScanner in 222222222222 and 333333333333.
    expect(h.broker.stats().assumeRoleCalls).toBe(3);
    expect(h.clients.stats().clients).toBeGreaterThan(3 * 14);
  });

  it("stops when aborted", async () => {
    const controller = new AbortController();
    const pending = runCollector({
      collector: collector("ec2"),
      clients: h.clients,
      accountId: "333333333333",
      region: "us-east-1",
      signal: controller.signal,
    });
    controller.abort(new Error("scan cancelled"));
    await expect(pending).rejects.toThrow("scan cancelled");
  });
});

describe("collectors against the sandbox (every resource type)", () => {
  const world = buildExtendedWorld();
  let h: THarness;
  let results: TCollectionResult[];
  let regions: string[];
  beforeAll(async () => {
    h = await startHarness({ world });
    regions = await listEnabledRegions({ clients: h.clients, accountId: "222222222222" });
    results = await collectAccount(h, "222222222222", regions);
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
  });

  it("collects every resource type of the world with the documented ids", () => {
    expect(regions).toEqual(expect.arrayContaining(["eu-west-1", "us-east-1"]));
    for (const result of results) {
      expect(result, `${result.service} ${result.region}`).toMatchObject({
        status: "COMPLETE",
        errors: [],
      });
    }
    const keys = results
      .flatMap((r) => r.resources.map((x) => `${x.resourceType}|${x.resourceId}`))
      .sort();
    expect(keys).toEqual(expectedResourceKeys(world, "222222222222", regions));
    const types = new Set(results.flatMap((r) => r.resources.map((x) => x.resourceType)));
    expect(types.size).toBe(31); // every type of docs/resource-model.md except the 3 Organizations ones
    expect(h.sandbox.stats().unknownOperations).toEqual([]);
  });

  it("decodes IAM documents, joins MFA devices and keeps only attached AWS-managed policies", () => {
    const custom = byId(results, "arn:aws:iam::222222222222:policy/readers-extra");
    const versions = custom.configuration.PolicyVersionList as Array<{ Document: string }>;
    expect(JSON.parse(versions[0]?.Document ?? "")).toMatchObject({
      Statement: [{ Action: "kms:Decrypt" }],
    });
    const managed = byId(results, "arn:aws:iam::aws:policy/SecurityAudit#222222222222");
    expect(managed.name).toBe("SecurityAudit");
    expect(managed.configuration.Arn).toBe("arn:aws:iam::aws:policy/SecurityAudit");
    const group = byId(results, "arn:aws:iam::222222222222:group/readers");
    expect(
      JSON.parse(
        (group.configuration.GroupPolicyList as Array<{ PolicyDocument: string }>)[0]
          ?.PolicyDocument ?? "",
      ),
    ).toMatchObject({ Statement: [{ Action: "s3:Get*" }] });
    const user = byId(results, "arn:aws:iam::222222222222:user/auditor");
    expect(user.tags).toEqual({ team: "security" });
    expect(user.configuration.MFADevices).toEqual([
      expect.objectContaining({
        UserName: "auditor",
        SerialNumber: "arn:aws:iam::222222222222:mfa/auditor",
      }),
    ]);
    expect(
      byId(results, "arn:aws:iam::222222222222:account-settings").configuration.VirtualMFADevices,
    ).toHaveLength(1);
  });

  it("reads a bucket in its own region and the other services' extra fields", () => {
    const bucket = byId(results, "arn:aws:s3:::acme-security-logs-eu");
    expect(bucket).toMatchObject({ region: "eu-west-1", tags: { team: "security" } });
    expect(bucket.configuration).toMatchObject({
      Policy: null,
      PolicyStatus: null,
      LifecycleRules: [expect.objectContaining({ ID: "expire" })],
      Acl: { Grants: [expect.objectContaining({ Permission: "READ" })] },
    });
    expect(
      byId(results, "arn:aws:ec2:us-east-1::snapshot/snap-0sec1").configuration
        .CreateVolumePermissions,
    ).toEqual([{ Group: "all" }]);
    expect(
      byId(results, "arn:aws:lambda:us-east-1:222222222222:function:rotate").configuration.Policy,
    ).toContain("lambda:InvokeFunction");
    expect(
      byId(results, "arn:aws:rds:us-east-1:222222222222:snapshot:audit-db-manual").configuration
        .Attributes,
    ).toEqual([{ AttributeName: "restore", AttributeValues: ["all"] }]);
    expect(
      byId(results, "arn:aws:kms:us-east-1:222222222222:key/2222aaaa-0000-0000-0000-000000000001")
        .configuration,
    ).toMatchObject({
      KeyRotationEnabled: false,
      KeyMetadata: { KeyManager: "CUSTOMER" },
    });
    expect(
      byId(results, "arn:aws:config:us-east-1:222222222222:regional-settings").configuration,
    ).toMatchObject({
      ConfigurationRecordersStatus: [expect.objectContaining({ recording: true })],
    });
    const zone = byId(results, "arn:aws:route53:::hostedzone/Z0SECURITY1");
    expect(zone.configuration.ResourceRecordSets).toHaveLength(2);
    const trail = byId(results, "arn:aws:cloudtrail:eu-west-1:222222222222:trail/eu-trail");
    expect(trail).toMatchObject({
      region: "eu-west-1",
      configuration: { Status: { IsLogging: false } },
    });
    expect(byId(results, "arn:aws:sns:us-east-1:222222222222:alerts").configuration).toMatchObject({
      Attributes: { KmsMasterKeyId: "alias/aws/sns" },
    });
  });
});

describe("member access and AssumeRole failures", () => {
  const world = readDemoWorld();
  const relaxed = structuredClone(world);
  const security = relaxed.accounts.find((a) => a.Id === "222222222222") as unknown as {
    iam: {
      AuthorizationDetails: {
        RoleDetailList: Array<{ RoleName: string; AssumeRolePolicyDocument: string }>;
      };
    };
  };
  for (const role of security.iam.AuthorizationDetails.RoleDetailList) {
    if (role.RoleName === "PostureScanner") {
      role.AssumeRolePolicyDocument = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::999999999999:root" },
            Action: "sts:AssumeRole",
          },
        ],
      });
    }
  }
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ world: relaxed });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("reports CONNECTED, a trust policy without the external ID, and a missing role", async () => {
    const connected = await testMemberAccess({
      broker: h.broker,
      roleArn: h.roleArn("333333333333"),
      account: { accountId: "333333333333", status: "ACTIVE" },
    });
    expect(connected.state).toBe("CONNECTED");
    const relaxedTrust = await testMemberAccess({
      broker: h.broker,
      roleArn: h.roleArn("222222222222"),
      account: { accountId: "222222222222", status: "ACTIVE" },
    });
    expect(relaxedTrust.state).toBe("EXTERNAL_ID_NOT_ENFORCED");
    const missing = await testMemberAccess({
      broker: h.broker,
      roleArn: "arn:aws:iam::333333333333:role/DoesNotExist",
      account: { accountId: "333333333333" },
    });
    expect(missing.state).toBe("ROLE_MISSING_OR_TRUST_DENIED");
    expect(missing.message).toMatch(/not authorized to perform: sts:AssumeRole/);
  });

  it("a wrong external ID fails AssumeRole with a clear error, and the collection FAILS with AccessDenied", async () => {
    const wrong = await startHarness({ world, externalId: "ext-wrong-000" });
    try {
      const access = await testMemberAccess({
        broker: wrong.broker,
        roleArn: wrong.roleArn("333333333333"),
        account: { accountId: "333333333333", status: "ACTIVE" },
      });
      expect(access.state).toBe("ROLE_MISSING_OR_TRUST_DENIED");
      expect(access.message).toContain("external ID does not match");
      await expect(wrong.broker.credentialsFor(wrong.roleArn("333333333333"))).rejects.toThrow(
        /AssumeRole arn:aws:iam::333333333333:role\/PostureScanner failed: AccessDenied: .*not authorized to perform: sts:AssumeRole/,
      );
      const result = await runCollector({
        collector: collector("sqs"),
        clients: wrong.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(result.status).toBe("FAILED");
      expect(result.errors[0]).toMatchObject({ code: "AccessDenied" });
      expect(result.errors[0]?.message).toMatch(/AssumeRole/);
    } finally {
      await wrong.stop();
    }
  });
});

describe("credential broker", () => {
  it("caches AssumeRole credentials per role until 5 minutes before expiry, one call for concurrent callers", async () => {
    const world = readDemoWorld();
    const h = await startHarness({ world });
    try {
      let now = Date.now();
      const broker = createCredentialBroker({
        vendorCredentials: async () => ({
          accessKeyId: world.vendor.accessKeyId,
          secretAccessKey: world.vendor.secretAccessKey,
        }),
        endpoint: h.sandbox.url,
        externalId: "ext-demo-7f3a9c51",
        now: () => now,
      });
      const role = h.roleArn("333333333333");
      const first = await Promise.all(
        Array.from({ length: 10 }, () => broker.credentialsFor(role)),
      );
      expect(broker.stats().assumeRoleCalls).toBe(1);
      expect(new Set(first.map((c) => c.accessKeyId)).size).toBe(1);
      const expiresAt = first[0]?.expiration?.getTime() ?? 0;
      expect(expiresAt).toBeGreaterThan(now + 10 * 60 * 1000);
      now = expiresAt - 6 * 60 * 1000;
      await broker.credentialsFor(role);
      expect(broker.stats().assumeRoleCalls).toBe(1);
      now = expiresAt - 4 * 60 * 1000;
      await broker.credentialsFor(role);
      expect(broker.stats().assumeRoleCalls).toBe(2);
      await broker.credentialsFor(h.roleArn("222222222222"));
      expect(broker.stats().assumeRoleCalls).toBe(3);
    } finally {
      await h.stop();
    }
  });
});

describe("faults and throttling", () => {
  it("AccessDenied / UnauthorizedOperation on a listing call gives FAILED with the code; on a sub-call PARTIAL", async () => {
    const world = readDemoWorld();
    world.behaviour = {
      faults: [
        {
          account: "333333333333",
          region: "us-east-1",
          service: "ec2",
          operation: "DescribeInstances",
          error: "UnauthorizedOperation",
          probability: 1,
        },
        {
          account: "333333333333",
          service: "iam",
          operation: "GetAccountAuthorizationDetails",
          error: "AccessDenied",
          probability: 1,
        },
        {
          account: "333333333333",
          service: "s3",
          operation: "GetBucketPolicy",
          error: "AccessDenied",
          probability: 1,
        },
      ],
    };
    const h = await startHarness({ world });
    try {
      const ec2 = await runCollector({
        collector: collector("ec2"),
        clients: h.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(ec2).toMatchObject({
        status: "FAILED",
        resources: [],
        errors: [{ operation: "DescribeInstances", code: "UnauthorizedOperation" }],
      });
      const iam = await runCollector({
        collector: collector("iam"),
        clients: h.clients,
        accountId: "333333333333",
        region: "global",
      });
      expect(iam).toMatchObject({
        status: "FAILED",
        errors: [{ operation: "GetAccountAuthorizationDetails", code: "AccessDenied" }],
      });
      const s3 = await runCollector({
        collector: collector("s3"),
        clients: h.clients,
        accountId: "333333333333",
        region: "global",
      });
      expect(s3.status).toBe("PARTIAL");
      expect(s3.resources).toHaveLength(3);
      expect(s3.errors.map((e) => [e.operation, e.code])).toEqual([
        ["GetBucketPolicy", "AccessDenied"],
        ["GetBucketPolicy", "AccessDenied"],
      ]);
      const bucket = s3.resources.find((r) => r.resourceId === "arn:aws:s3:::acme-payments-ledger");
      expect(bucket?.configuration).toMatchObject({
        Policy: null,
        CollectionErrors: { GetBucketPolicy: "AccessDenied" },
      });
      const other = await runCollector({
        collector: collector("ec2"),
        clients: h.clients,
        accountId: "111111111111",
        region: "us-east-1",
      });
      expect(other.status).toBe("COMPLETE");
    } finally {
      await h.stop();
    }
  });

  it("a call the sandbox never answers times out, is retried, and fails the collection instead of hanging", async () => {
    const world = readDemoWorld();
    world.behaviour = {
      faults: [
        {
          account: "333333333333",
          service: "sqs",
          operation: "ListQueues",
          error: "timeout",
          probability: 1,
        },
      ],
    };
    const h = await startHarness({ world, requestTimeoutMs: 300, maxAttempts: 3 });
    try {
      const started = Date.now();
      const sqs = await runCollector({
        collector: collector("sqs"),
        clients: h.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(sqs.status).toBe("FAILED");
      expect(sqs.errors[0]).toMatchObject({ operation: "ListQueues", code: "TimeoutError" });
      expect(sqs.apiCalls).toBe(3);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await h.stop();
    }
    // Transient 5xx answers are retried away (enough attempts that 30 % faults cannot all land
    // on one call: 0.3^8 per call).
    const world5xx = readDemoWorld();
    world5xx.behaviour = { faults: [{ account: "333333333333", service: "sns", error: "InternalError", probability: 0.3 }] };
    const h2 = await startHarness({ world: world5xx, maxAttempts: 8 });
    try {
      const sns = await runCollector({
        collector: collector("sns"),
        clients: h2.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(sns.status).toBe("COMPLETE");
    } finally {
      await h2.stop();
    }
  }, 20_000);

  it("throttling is retried by the SDK (adaptive) and the collection completes", async () => {
    const world = readDemoWorld();
    world.behaviour = { throttle: { ec2: { burst: 2, refillPerSecond: 8 } } };
    const h = await startHarness({ world });
    try {
      const result = await runCollector({
        collector: collector("ec2"),
        clients: h.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(result.status).toBe("COMPLETE");
      expect(result.resources).toHaveLength(6);
      const stats = h.sandbox.stats();
      expect(stats.throttled).toBeGreaterThan(0);
      // Retried attempts are counted too: calls = answered + throttled.
      expect(result.apiCalls).toBeGreaterThan(12);
    } finally {
      await h.stop();
    }
  }, 30_000);

  it("the politeness budget paces every attempt: no throttling when it stays below the sandbox's bucket", async () => {
    const world = readDemoWorld();
    world.behaviour = { throttle: { ec2: { burst: 2, refillPerSecond: 8 } } };
    const h = await startHarness({
      world,
      rateLimiter: createInMemoryRateLimiter({
        defaults: { default: { perSecond: 100, burst: 100 }, ec2: { perSecond: 6, burst: 1 } },
      }),
    });
    try {
      const started = Date.now();
      const result = await runCollector({
        collector: collector("ec2"),
        clients: h.clients,
        accountId: "333333333333",
        region: "us-east-1",
      });
      expect(result.status).toBe("COMPLETE");
      expect(h.sandbox.stats().throttled).toBe(0);
      // 12 EC2 calls at 6/s after a burst of 1: at least (12 - 1) / 6 s.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_700);
    } finally {
      await h.stop();
    }
  }, 30_000);
});
