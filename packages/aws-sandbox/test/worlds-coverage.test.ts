/**
 * Checks the claims of src/worlds/demo-coverage.md against the demo world's data with small,
 * deliberately simple predicates: each named failing resource must look failing and each
 * passing one passing. (The product's rules are the real judges; this keeps the table honest.)
 */
import { describe, expect, it, vi } from "vitest";
import type { TWorldAccount } from "../src/world/world.types";
import { generateDemoWorld } from "../src/worlds/index";

// Generating and loading whole worlds takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const world = generateDemoWorld({ externalId: "ext-coverage" });
type TObj = Record<string, unknown>;
type TStatement = {
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: unknown;
  Condition?: unknown;
};
const list = (value: unknown): TObj[] => (Array.isArray(value) ? (value as TObj[]) : []);
const account = (name: string): TWorldAccount => {
  const found = world.accounts.find((a) => a.Name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
};
const region = (name: string, r: string) =>
  (account(name).regions?.[r] ?? {}) as Record<string, TObj>;
const regional = (name: string, service: string, key: string): TObj[] =>
  Object.values(account(name).regions ?? {}).flatMap((r) =>
    list((r as Record<string, TObj>)[service]?.[key]),
  );
const named = (items: TObj[], name: string): TObj => {
  const found = items.find(
    (i) =>
      list(i.Tags).some((t) => t.Key === "Name" && t.Value === name) ||
      [
        i.Name,
        i.FunctionName,
        i.RoleName,
        i.UserName,
        i.PolicyName,
        i.GroupName,
        i.DBInstanceIdentifier,
        i.DBSnapshotIdentifier,
        i.name,
        i.nodegroupName,
        i.GroupName,
      ].includes(name),
  );
  if (!found) throw new Error(`no resource named ${name}`);
  return found;
};
const statements = (document: unknown): TStatement[] => {
  const parsed = JSON.parse(String(document)) as { Statement: TStatement | TStatement[] };
  return Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
};
const actionsOf = (s: TStatement) => (Array.isArray(s.Action) ? s.Action : [s.Action ?? ""]);
const roles = (name: string) => list(account(name).iam?.AuthorizationDetails?.RoleDetailList);
const users = (name: string) => list(account(name).iam?.AuthorizationDetails?.UserDetailList);
const report = (name: string, user: string) => {
  const row = account(name).iam?.CredentialReport?.find((r) => r.user === user);
  if (!row) throw new Error(`no credential report row ${user} in ${name}`);
  return row;
};
const daysAgo = (value: string | undefined) =>
  value?.startsWith("now-") ? Number.parseInt(value.slice(4), 10) : Number.NaN;
/** Every allowed action of a role: inline policies, attached customer policies, AWS-managed documents. */
const roleActions = (accountName: string, roleName: string): string[] => {
  const role = named(roles(accountName), roleName);
  const policies = list(account(accountName).iam?.AuthorizationDetails?.Policies);
  const documents = [
    ...list(role.RolePolicyList).map((p) => p.PolicyDocument),
    ...list(role.AttachedManagedPolicies).map((a) => {
      const policy = policies.find((p) => p.Arn === a.PolicyArn);
      return list(policy?.PolicyVersionList).find((v) => v.IsDefaultVersion)?.Document;
    }),
  ];
  return documents.flatMap((d) =>
    statements(d)
      .filter((s) => s.Effect === "Allow")
      .flatMap(actionsOf),
  );
};
const ancestors = (accountName: string): string[] => {
  const chain = [account(accountName).Id];
  let parent: string | undefined = account(accountName).ParentId;
  while (parent) {
    chain.push(parent);
    parent = world.organization.OrganizationalUnits?.find((ou) => ou.Id === parent)?.ParentId;
  }
  return chain;
};
const customPolicies = (accountName: string, type: string) =>
  (world.organization.Policies ?? [])
    .filter(
      (p) =>
        p.PolicySummary.Type === type &&
        !p.PolicySummary.AwsManaged &&
        p.Targets.some((t) => ancestors(accountName).includes(t)),
    )
    .map((p) => p.Content)
    .join("\n");
const openIngress = (group: TObj, ports: number[]) =>
  list(group.IpPermissions).some((p) => {
    const open =
      JSON.stringify(p.IpRanges).includes('"0.0.0.0/0"') ||
      JSON.stringify(p.Ipv6Ranges).includes('"::/0"');
    const all = p.IpProtocol === "-1";
    return (
      open &&
      (all || ports.some((port) => (p.FromPort as number) <= port && port <= (p.ToPort as number)))
    );
  });
/** Public the way AWS judges it, simplified: Allow to "*" without a condition, or AllUsers grants, unless BPA blocks it. */
const bucketIsPublic = (accountName: string, bucketName: string) => {
  const owner = account(accountName);
  const bucket = named(list(owner.s3?.Buckets), bucketName);
  const bpa = { ...(owner.s3?.AccountPublicAccessBlock ?? {}) } as TObj;
  for (const [key, value] of Object.entries((bucket.PublicAccessBlockConfiguration as TObj) ?? {}))
    if (value) bpa[key] = true;
  const publicPolicy =
    typeof bucket.Policy === "string" &&
    statements(bucket.Policy).some(
      (s) =>
        s.Effect === "Allow" &&
        (s.Principal === "*" || JSON.stringify(s.Principal) === '{"AWS":"*"}') &&
        !s.Condition,
    );
  const publicAcl = JSON.stringify((bucket.Acl as TObj | undefined)?.Grants ?? []).includes(
    "global/AllUsers",
  );
  return (publicPolicy && !bpa.RestrictPublicBuckets) || (publicAcl && !bpa.IgnorePublicAcls);
};
const publicResourcePolicy = (policy: unknown) =>
  statements(policy).some(
    (s) =>
      s.Effect === "Allow" &&
      (s.Principal === "*" || JSON.stringify(s.Principal) === '{"AWS":"*"}') &&
      !s.Condition,
  );

describe("demo-coverage.md claims", () => {
  it("checks every rule of the catalog fails and passes (issue 3)", () => {
    const tags = (item: TObj) =>
      Object.fromEntries(list(item.Tags).map((t) => [t.Key as string, t.Value as string]));
    // human users and federation
    expect(report("acme-sandbox-bob", "bob").password_enabled).toBe("true");
    expect(
      roles("acme-sandbox-bob").some((r) => String(r.Path).includes("sso.amazonaws.com")),
    ).toBe(false);
    expect(roles("acme-management").some((r) => String(r.Path).includes("sso.amazonaws.com"))).toBe(
      true,
    );
    // administrators, intended or not
    expect(tags(named(users("acme-management"), "break-glass-admin"))).toMatchObject({
      "guardrail:intended-admin": "true",
    });
    expect(tags(named(roles("acme-shared-services"), "platform-admin"))).toMatchObject({
      "guardrail:intended-admin": "true",
    });
    expect(
      tags(named(users("acme-management"), "admin-legacy"))["guardrail:intended-admin"],
    ).toBeUndefined();
    expect(
      tags(named(roles("acme-payments-prod"), "payments-web-role"))["guardrail:intended-admin"],
    ).toBeUndefined();
    // workloads with administrator roles
    const accountVending = named(
      regional("acme-management", "lambda", "Functions"),
      "account-vending",
    );
    expect(accountVending.Role).toBe(
      `arn:aws:iam::${account("acme-management").Id}:role/account-vending-role`,
    );
    expect(roleActions("acme-management", "account-vending-role")).toContain("*");
    expect(roleActions("acme-management", "vending-pipeline")).toEqual(
      expect.arrayContaining(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]),
    );
    const cluster = named(regional("acme-data-prod", "eks", "Clusters"), "data-platform");
    const ops = named(list(cluster.Nodegroups), "data-platform-ops");
    expect(ops.nodeRole).toBe(
      `arn:aws:iam::${account("acme-data-prod").Id}:role/data-platform-ops-node`,
    );
    expect(roleActions("acme-data-prod", "data-platform-ops-node")).toContain("*");
    // data at rest
    const exportsBucket = named(
      list(account("acme-payments-prod").s3?.Buckets),
      "acme-payments-exports",
    );
    expect(list(exportsBucket.TagSet)).toContainEqual({ Key: "DataClassification", Value: "pci" });
    expect(JSON.stringify(exportsBucket.ServerSideEncryptionConfiguration)).not.toContain(
      "aws:kms",
    );
    const queue = (accountName: string, name: string) =>
      regional(accountName, "sqs", "Queues").find((q) => String(q.QueueUrl).endsWith(`/${name}`));
    expect(
      (queue("acme-retail-prod", "retail-order-events")?.Attributes as TObj).SqsManagedSseEnabled,
    ).toBe("false");
    const topic = (accountName: string, name: string) =>
      regional(accountName, "sns", "Topics").find((t) => String(t.TopicArn).endsWith(`:${name}`));
    expect(
      (topic("acme-payments-prod", "payments-alerts")?.Attributes as TObj).KmsMasterKeyId,
    ).toBe("alias/aws/sns");
    expect(
      (topic("acme-retail-prod", "retail-order-notifications")?.Attributes as TObj).KmsMasterKeyId,
    ).toBeUndefined();
    const keys = (accountName: string) =>
      regional(accountName, "kms", "Keys").map((k) => k.KeyMetadata as TObj);
    expect(
      keys("acme-retail-prod").find((k) => k.Description === "retail legacy exports")?.KeyState,
    ).toBe("PendingDeletion");
    expect(
      keys("acme-payments-prod").find((k) => k.Description === "payments ledger database")
        ?.KeyState,
    ).toBe("Enabled");
    expect(
      named(regional("acme-retail-prod", "rds", "DBInstances"), "retail-legacy-db")
        .AutoMinorVersionUpgrade,
    ).toBe(false);
    expect(
      named(regional("acme-payments-prod", "rds", "DBInstances"), "payments-ledger-db")
        .AutoMinorVersionUpgrade,
    ).toBe(true);
    // DNS: one zone with dangling records, one without
    const zones = regional("acme-shared-services", "route53", "HostedZones").map((z) => z.Name);
    expect(zones).toEqual(["acme.example.", "status.acme.example."]);
  });

  it("identity and credentials", () => {
    expect(report("acme-management", "<root_account>").access_key_1_active).toBe("true");
    expect(report("acme-security-tooling", "<root_account>").access_key_1_active).toBe("false");
    expect(report("acme-sandbox-bob", "<root_account>").mfa_active).toBe("false");
    expect(report("acme-payments-prod", "<root_account>").mfa_active).toBe("true");
    const rootVirtual = (name: string) =>
      list(account(name).iam?.VirtualMFADevices).some((d) =>
        String(d.SerialNumber).endsWith(":mfa/root-account-mfa-device"),
      );
    expect(rootVirtual("acme-retail-prod")).toBe(true);
    expect(rootVirtual("acme-security-tooling")).toBe(false);
    expect(daysAgo(report("acme-management", "<root_account>").password_last_used)).toBeLessThan(
      30,
    );
    expect(daysAgo(report("acme-data-prod", "<root_account>").password_last_used)).toBeGreaterThan(
      30,
    );
    expect(report("acme-management", "admin-legacy")).toMatchObject({
      password_enabled: "true",
      mfa_active: "false",
    });
    expect(report("acme-security-tooling", "alice.secops")).toMatchObject({
      password_enabled: "true",
      mfa_active: "true",
    });
    const jane = report("acme-sandbox-alice", "contractor-jane");
    expect(
      Math.min(daysAgo(jane.password_last_used), daysAgo(jane.access_key_1_last_used_date)),
    ).toBeGreaterThan(90);
    const ci = report("acme-payments-prod", "ci-deployer");
    expect(daysAgo(ci.access_key_1_last_rotated)).toBeGreaterThan(365);
    expect(daysAgo(ci.access_key_1_last_used_date)).toBeGreaterThan(30);
    const etl = report("acme-data-prod", "etl-service");
    expect(daysAgo(etl.access_key_1_last_rotated)).toBeLessThan(90);
    expect(report("acme-retail-prod", "reporting-bot")).toMatchObject({
      access_key_1_active: "true",
      access_key_2_active: "true",
    });
    expect(etl.access_key_2_active).toBe("false");
    expect(
      list(named(users("acme-management"), "admin-legacy").AttachedManagedPolicies),
    ).not.toHaveLength(0);
    expect(
      list(named(users("acme-security-tooling"), "alice.secops").AttachedManagedPolicies),
    ).toHaveLength(0);
    const retailPolicies = list(account("acme-retail-prod").iam?.AuthorizationDetails?.Policies);
    const defaultDoc = (name: string) =>
      list(named(retailPolicies, name).PolicyVersionList).find((v) => v.IsDefaultVersion)?.Document;
    expect(statements(defaultDoc("LegacyFullAccess"))).toContainEqual({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
    });
    expect(JSON.stringify(statements(defaultDoc("RetailAppReadOnly")))).not.toContain(
      '"Action":"*"',
    );
    const hasSupport = (name: string) =>
      JSON.stringify(account(name).iam?.AuthorizationDetails).includes("policy/AWSSupportAccess");
    expect(hasSupport("acme-sandbox-alice")).toBe(false);
    expect(hasSupport("acme-security-tooling")).toBe(true);
    expect(account("acme-management").iam?.PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 8,
    });
    expect(account("acme-management").iam?.PasswordPolicy?.PasswordReusePrevention).toBeUndefined();
    expect(account("acme-sandbox-alice").iam?.PasswordPolicy).toBeUndefined();
    expect(account("acme-security-tooling").iam?.PasswordPolicy).toMatchObject({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
    });
    expect(regional("acme-sandbox-alice", "accessanalyzer", "Analyzers")).toHaveLength(0);
    expect(
      regional("acme-security-tooling", "accessanalyzer", "Analyzers").map((a) => a.status),
    ).toEqual(["ACTIVE", "ACTIVE"]);
  });

  it("cross-account trust", () => {
    const orgAccounts = new Set(world.accounts.map((a) => a.Id));
    const trustedExternal = (accountName: string, roleName: string) =>
      statements(named(roles(accountName), roleName).AssumeRolePolicyDocument).flatMap((s) => {
        const principal = JSON.stringify(s.Principal ?? "");
        const match = /arn:aws:iam::(\d{12}):root/.exec(principal);
        return match && !orgAccounts.has(match[1] as string)
          ? [
              {
                account: match[1],
                externalId: JSON.stringify(s.Condition ?? {}).includes("sts:ExternalId"),
              },
            ]
          : [];
      });
    expect(trustedExternal("acme-payments-prod", "datadog-legacy")).toEqual([
      { account: "464622532012", externalId: false },
    ]);
    expect(trustedExternal("acme-retail-nonprod", "legacy-ci-vendor")).toEqual([
      { account: "428571428571", externalId: false },
    ]);
    expect(trustedExternal("acme-retail-prod", "DatadogIntegration")).toEqual([
      { account: "464622532012", externalId: true },
    ]);
    expect(roleActions("acme-data-prod", "acme-consulting-admin")).toContain("*");
    expect(roleActions("acme-payments-prod", "datadog-legacy")).toContain("s3:Get*");
    expect(
      roleActions("acme-retail-prod", "DatadogIntegration").some(
        (a) => a.startsWith("s3:") || a === "*",
      ),
    ).toBe(false);
    const open = statements(
      named(roles("acme-sandbox-alice"), "public-assume-test").AssumeRolePolicyDocument,
    )[0];
    expect(open).toMatchObject({ Principal: { AWS: "*" } });
    expect(open?.Condition).toBeUndefined();
    expect(
      statements(
        named(roles("acme-shared-services"), "org-wide-reader").AssumeRolePolicyDocument,
      )[0]?.Condition,
    ).toBeDefined();
  });

  it("organization", () => {
    const management = world.accounts.find((a) => a.Id === world.organization.MasterAccountId);
    expect(management?.Name).toBe("acme-management");
    expect(regional("acme-management", "ec2", "Instances").length).toBeGreaterThan(0);
    expect(customPolicies("acme-sandbox-alice", "SERVICE_CONTROL_POLICY")).toBe("");
    const prod = customPolicies("acme-payments-prod", "SERVICE_CONTROL_POLICY");
    for (const marker of [
      "organizations:LeaveOrganization",
      "arn:aws:iam::*:root",
      "guardduty:DeleteDetector",
      "config:StopConfigurationRecorder",
      "cloudtrail:StopLogging",
      "aws:RequestedRegion",
    ])
      expect(prod).toContain(marker);
    const nonProd = customPolicies("acme-retail-nonprod", "SERVICE_CONTROL_POLICY");
    expect(nonProd).toContain("organizations:LeaveOrganization");
    expect(nonProd).not.toContain("aws:RequestedRegion");
    expect(customPolicies("acme-payments-prod", "RESOURCE_CONTROL_POLICY")).toContain(
      "aws:PrincipalOrgID",
    );
    expect(customPolicies("acme-retail-nonprod", "RESOURCE_CONTROL_POLICY")).toBe("");
  });

  it("compute and network", () => {
    const payInstances = regional("acme-payments-prod", "ec2", "Instances");
    const payGroups = regional("acme-payments-prod", "ec2", "SecurityGroups");
    const web = named(payInstances, "payments-web-1");
    expect((web.MetadataOptions as TObj).HttpTokens).toBe("optional");
    expect(web.PublicIpAddress).toBeDefined();
    expect(
      list(web.SecurityGroups).some((g) =>
        openIngress(payGroups.find((p) => p.GroupId === g.GroupId) ?? {}, [443]),
      ),
    ).toBe(true);
    expect((named(payInstances, "payments-api-1").MetadataOptions as TObj).HttpTokens).toBe(
      "required",
    );
    const batch = named(regional("acme-retail-prod", "ec2", "Instances"), "retail-batch-1");
    expect((batch.MetadataOptions as TObj).HttpTokens).toBe("optional");
    expect(batch.PublicIpAddress).toBeUndefined();
    expect(region("acme-retail-prod", "us-east-1").ec2?.InstanceMetadataDefaults).toBeUndefined();
    expect(
      region("acme-security-tooling", "us-east-1").ec2?.InstanceMetadataDefaults,
    ).toMatchObject({ HttpTokens: "required" });
    expect(openIngress(named(payGroups, "payments-web-sg"), [22])).toBe(true);
    expect(openIngress(named(payGroups, "payments-api-sg"), [22, 3389, 5432, 8443])).toBe(false);
    expect(
      openIngress(named(regional("acme-data-nonprod", "ec2", "SecurityGroups"), "legacy-rdp"), [
        3389,
      ]),
    ).toBe(true);
    expect(
      openIngress(
        named(regional("acme-retail-prod", "ec2", "SecurityGroups"), "retail-db-open"),
        [5432, 3306],
      ),
    ).toBe(true);
    expect(
      list(
        named(regional("acme-sandbox-bob", "ec2", "SecurityGroups"), "sandbox-all-open")
          .IpPermissions,
      )[0]?.IpProtocol,
    ).toBe("-1");
    const defaults = (name: string) =>
      regional(name, "ec2", "SecurityGroups").filter((g) => g.GroupName === "default");
    expect(defaults("acme-sandbox-bob").every((g) => list(g.IpPermissions).length > 0)).toBe(true);
    expect(
      defaults("acme-security-tooling").every(
        (g) => list(g.IpPermissions).length === 0 && list(g.IpPermissionsEgress).length === 0,
      ),
    ).toBe(true);
    const flowLogged = (name: string, r: string) => {
      const ec2 = region(name, r).ec2 as TObj;
      const vpc = named(list(ec2.Vpcs), `${name}-main`);
      return list(ec2.FlowLogs).some((f) => f.ResourceId === vpc.VpcId);
    };
    expect(flowLogged("acme-payments-prod", "eu-west-1")).toBe(false);
    expect(flowLogged("acme-payments-prod", "us-east-1")).toBe(true);
    expect(region("acme-payments-prod", "eu-west-1").ec2?.EbsEncryptionByDefault).toBe(false);
    expect(region("acme-payments-prod", "us-east-1").ec2?.EbsEncryptionByDefault).toBe(true);
    const volumes = regional("acme-payments-prod", "ec2", "Volumes");
    const volumeOf = (instance: TObj) =>
      list(instance.BlockDeviceMappings).map((m) =>
        volumes.find((v) => v.VolumeId === (m.Ebs as TObj).VolumeId),
      );
    expect(volumeOf(web).map((v) => v?.Encrypted)).toEqual([false]);
    expect(
      volumeOf(named(payInstances, "payments-api-1")).every((v) => v?.Encrypted === true),
    ).toBe(true);
    expect(
      named(regional("acme-retail-nonprod", "ec2", "Snapshots"), "catalog-export-public")
        .CreateVolumePermissions,
    ).toEqual([{ Group: "all" }]);
    expect(
      named(regional("acme-payments-prod", "ec2", "Snapshots"), "payments-api-1-data-backup")
        .CreateVolumePermissions,
    ).toEqual([{ UserId: account("acme-log-archive").Id }]);
    expect(roleActions("acme-shared-services", "deploy-automation")).toContain(
      "iam:UpdateAssumeRolePolicy",
    );
    expect(roleActions("acme-retail-prod", "retail-bastion-role")).toEqual(
      expect.arrayContaining(["ssm:StartSession", "ec2-instance-connect:SendSSHPublicKey"]),
    );
    expect(roleActions("acme-payments-prod", "settlement-batch-role")).toEqual(
      expect.arrayContaining(["iam:PassRole", "ec2:RunInstances"]),
    );
    const safe = ["payments-api-role", "payments-s3-trigger-role"].flatMap((r) =>
      roleActions("acme-payments-prod", r),
    );
    expect(
      safe.filter(
        (a) =>
          a === "*" ||
          a.startsWith("iam:") ||
          a.startsWith("ssm:Start") ||
          a === "s3:*" ||
          a === "s3:Get*",
      ),
    ).toEqual([]);
    const endpoints = (name: string) =>
      regional(name, "ec2", "VpcEndpoints").filter((e) => String(e.ServiceName).endsWith(".s3"));
    expect(statements(endpoints("acme-payments-prod")[0]?.PolicyDocument)[0]).toMatchObject({
      Principal: "*",
      Action: "*",
      Resource: "*",
    });
    expect(statements(endpoints("acme-data-prod")[0]?.PolicyDocument)[0]?.Condition).toBeDefined();
    expect(
      list((region("acme-payments-prod", "eu-west-1").ec2 as TObj).VpcEndpoints).some((e) =>
        String(e.ServiceName).endsWith(".s3"),
      ),
    ).toBe(false);
  });

  it("storage and data", () => {
    expect(account("acme-sandbox-alice").s3?.AccountPublicAccessBlock).toBeUndefined();
    expect(account("acme-retail-prod").s3?.AccountPublicAccessBlock?.BlockPublicPolicy).toBe(false);
    expect(bucketIsPublic("acme-retail-prod", "acme-retail-public-assets")).toBe(true);
    expect(bucketIsPublic("acme-payments-prod", "acme-payments-exports")).toBe(false);
    expect(bucketIsPublic("acme-sandbox-alice", "acme-sandbox-alice-uploads")).toBe(true);
    expect(bucketIsPublic("acme-data-nonprod", "acme-data-legacy-share")).toBe(false);
    expect(bucketIsPublic("acme-payments-prod", "acme-payments-ledger")).toBe(false);
    const ledger = named(list(account("acme-payments-prod").s3?.Buckets), "acme-payments-ledger");
    expect(String(ledger.Policy)).toContain("aws:SecureTransport");
    expect(ledger).toMatchObject({
      Versioning: { Status: "Enabled" },
      LoggingEnabled: expect.any(Object),
      LifecycleRules: expect.any(Array),
    });
    expect(JSON.stringify(ledger.ServerSideEncryptionConfiguration)).toContain("aws:kms");
    const legacy = named(
      list(account("acme-retail-nonprod").s3?.Buckets),
      "acme-retail-legacy-reports",
    );
    for (const field of [
      "ServerSideEncryptionConfiguration",
      "Versioning",
      "LoggingEnabled",
      "LifecycleRules",
      "Policy",
    ])
      expect(legacy[field], field).toBeUndefined();
    const queues = regional("acme-payments-prod", "sqs", "Queues");
    const queuePolicy = (url: string) =>
      (queues.find((q) => String(q.QueueUrl).endsWith(url))?.Attributes as TObj).Policy;
    expect(publicResourcePolicy(queuePolicy("/payment-events"))).toBe(true);
    expect(publicResourcePolicy(queuePolicy("/settlement-jobs"))).toBe(false);
    const topicPolicy = (name: string, topic: string) =>
      (
        regional(name, "sns", "Topics").find((t) => String(t.TopicArn).endsWith(`:${topic}`))
          ?.Attributes as TObj
      ).Policy;
    expect(
      publicResourcePolicy(topicPolicy("acme-retail-prod", "retail-order-notifications")),
    ).toBe(true);
    expect(publicResourcePolicy(topicPolicy("acme-payments-prod", "payments-alerts"))).toBe(false);
    expect(
      publicResourcePolicy(
        named(regional("acme-retail-prod", "lambda", "Functions"), "retail-webhook").Policy,
      ),
    ).toBe(true);
    expect(
      publicResourcePolicy(
        named(regional("acme-payments-prod", "lambda", "Functions"), "payments-s3-trigger").Policy,
      ),
    ).toBe(false);
    expect(
      named(regional("acme-payments-prod", "lambda", "Functions"), "settlement-batch").Runtime,
    ).toBe("python3.8");
    expect(
      named(regional("acme-retail-prod", "rds", "DBInstances"), "retail-legacy-db"),
    ).toMatchObject({
      PubliclyAccessible: true,
      StorageEncrypted: false,
      BackupRetentionPeriod: 0,
    });
    expect(
      named(regional("acme-payments-prod", "rds", "DBInstances"), "payments-ledger-db"),
    ).toMatchObject({
      PubliclyAccessible: false,
      StorageEncrypted: true,
      BackupRetentionPeriod: 35,
    });
    expect(
      named(regional("acme-retail-prod", "rds", "DBSnapshots"), "retail-legacy-db-2023-export")
        .Attributes,
    ).toEqual([{ AttributeName: "restore", AttributeValues: ["all"] }]);
    expect(
      named(regional("acme-payments-prod", "rds", "DBSnapshots"), "payments-ledger-db-monthly")
        .Attributes,
    ).toEqual([{ AttributeName: "restore", AttributeValues: [] }]);
  });

  it("logging and detection", () => {
    const trail = (name: string, trailName: string) =>
      named(regional(name, "cloudtrail", "Trails"), trailName);
    expect(trail("acme-sandbox-alice", "alice-test-trail")).toMatchObject({
      IsMultiRegionTrail: false,
      LogFileValidationEnabled: false,
    });
    expect(trail("acme-sandbox-alice", "alice-test-trail").KmsKeyId).toBeUndefined();
    expect(trail("acme-management", "acme-org-trail")).toMatchObject({
      IsMultiRegionTrail: true,
      LogFileValidationEnabled: true,
      IsOrganizationTrail: true,
      Status: { IsLogging: true },
    });
    expect(trail("acme-data-prod", "data-audit-trail").Status).toMatchObject({ IsLogging: false });
    expect(
      regional("acme-sandbox-bob", "guardduty", "Detectors").every((d) => d.Status === "DISABLED"),
    ).toBe(true);
    expect(list(region("acme-data-nonprod", "eu-west-1").guardduty?.Detectors)).toHaveLength(0);
    expect(
      regional("acme-payments-prod", "guardduty", "Detectors").every((d) => d.Status === "ENABLED"),
    ).toBe(true);
    expect(
      list(region("acme-sandbox-bob", "us-east-1").config?.ConfigurationRecordersStatus)[0]
        ?.recording,
    ).toBe(false);
    expect(
      list(region("acme-retail-prod", "eu-west-1").config?.ConfigurationRecorders),
    ).toHaveLength(0);
    expect(
      list(region("acme-payments-prod", "eu-west-1").config?.ConfigurationRecordersStatus)[0]
        ?.recording,
    ).toBe(true);
    const key = (name: string, description: string) =>
      regional(name, "kms", "Keys").find(
        (k) => (k.KeyMetadata as TObj).Description === description,
      );
    expect(key("acme-retail-prod", "retail legacy exports")?.KeyRotationEnabled).toBe(false);
    expect(key("acme-payments-prod", "payments ledger database")?.KeyRotationEnabled).toBe(true);
    const dataPlatform = named(regional("acme-data-prod", "eks", "Clusters"), "data-platform");
    expect(dataPlatform.resourcesVpcConfig).toMatchObject({
      endpointPublicAccess: true,
      publicAccessCidrs: ["0.0.0.0/0"],
    });
    expect(dataPlatform.encryptionConfig).toBeUndefined();
    expect(JSON.stringify(dataPlatform.logging)).toContain('"enabled":false');
    const paymentsCore = named(regional("acme-payments-prod", "eks", "Clusters"), "payments-core");
    expect(paymentsCore.resourcesVpcConfig).toMatchObject({ endpointPublicAccess: false });
    expect(JSON.stringify(paymentsCore.encryptionConfig)).toContain("secrets");
    expect(JSON.stringify(paymentsCore.logging)).not.toContain('"enabled":false');
  });

  it("Route 53: dangling records point nowhere, live ones at existing resources", () => {
    const ips = new Set<string>();
    const buckets = new Set<string>();
    for (const a of world.accounts) {
      for (const r of Object.values(a.regions ?? {})) {
        for (const address of list(r.ec2?.Addresses)) ips.add(String(address.PublicIp));
        for (const instance of list(r.ec2?.Instances))
          if (instance.PublicIpAddress) ips.add(String(instance.PublicIpAddress));
      }
      for (const b of a.s3?.Buckets ?? []) buckets.add(b.Name);
    }
    const records = regional("acme-shared-services", "route53", "HostedZones").flatMap((z) =>
      list(z.ResourceRecordSets),
    );
    const alive = (name: string) => {
      const record = records.find((r) => r.Name === name);
      const value = String(list(record?.ResourceRecords)[0]?.Value);
      return record?.Type === "A" ? ips.has(value) : buckets.has(value.split(".s3")[0] as string);
    };
    expect(alive("old-campaign.acme.example.")).toBe(false);
    expect(alive("promo.acme.example.")).toBe(false);
    expect(alive("www.acme.example.")).toBe(true);
    expect(alive("assets.acme.example.")).toBe(true);
  });

  it("escalation methods", () => {
    expect(roleActions("acme-retail-nonprod", "legacy-ci-vendor")).toContain(
      "iam:CreatePolicyVersion",
    );
    expect(roleActions("acme-payments-nonprod", "qa-automation")).toContain("iam:PutRolePolicy");
    expect(roleActions("acme-retail-prod", "retail-webhook-role")).toContain(
      "iam:AttachRolePolicy",
    );
    expect(
      JSON.stringify(named(users("acme-retail-prod"), "reporting-bot").UserPolicyList),
    ).toContain("iam:AttachUserPolicy");
    expect(
      JSON.stringify(named(users("acme-shared-services"), "helpdesk-automation").UserPolicyList),
    ).toContain("iam:CreateAccessKey");
    expect(roleActions("acme-data-prod", "analytics-reader")).toContain("sts:AssumeRole");
    expect(roleActions("acme-data-prod", "etl-runner")).toContain("sts:AssumeRole");
    expect(roleActions("acme-data-prod", "data-admin")).toContain("*");
  });

  it("ECS services and Secrets Manager secrets", () => {
    const service = (accountName: string, name: string) => {
      const found = regional(accountName, "ecs", "Services").find((x) => x.serviceName === name);
      if (!found) throw new Error(`no ECS service ${name} in ${accountName}`);
      return found;
    };
    const taskRoleOf = (accountName: string, name: string) =>
      regional(accountName, "ecs", "TaskDefinitions").find((d) => d.taskDefinitionArn === service(accountName, name).taskDefinition)?.taskRoleArn;
    const runningTasks = (accountName: string, name: string) =>
      regional(accountName, "ecs", "Tasks").filter((t) => t.group === `service:${name}` && t.lastStatus === "RUNNING");
    // the management account runs an ECS service
    expect(runningTasks("acme-management", "release-bot")).toHaveLength(1);
    expect(taskRoleOf("acme-management", "release-bot")).toBe(`arn:aws:iam::${account("acme-management").Id}:role/release-bot-task-role`);
    expect(roleActions("acme-management", "release-bot-task-role")).toEqual(["s3:GetObject"]);
    // storefront-api: exec enabled, administrator task role; retail-oncall may exec; order-worker is the passing side
    const retailId = account("acme-retail-prod").Id;
    expect(service("acme-retail-prod", "storefront-api").enableExecuteCommand).toBe(true);
    expect(runningTasks("acme-retail-prod", "storefront-api").every((t) => t.enableExecuteCommand === true)).toBe(true);
    expect(taskRoleOf("acme-retail-prod", "storefront-api")).toBe(`arn:aws:iam::${retailId}:role/storefront-task-role`);
    expect(roleActions("acme-retail-prod", "storefront-task-role")).toContain("*");
    expect(roleActions("acme-retail-prod", "retail-oncall")).toContain("ecs:ExecuteCommand");
    expect(service("acme-retail-prod", "order-worker").enableExecuteCommand).toBe(false);
    expect(roleActions("acme-retail-prod", "order-worker-task-role")).toEqual(["sqs:ReceiveMessage", "sqs:DeleteMessage"]);
    // secrets: rotation and resource policies
    const secret = (accountName: string, name: string) => named(regional(accountName, "secretsmanager", "Secrets"), name);
    const stripe = secret("acme-payments-prod", "payments/stripe-api-key");
    expect(stripe).toMatchObject({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } });
    expect(String(stripe.KmsKeyId)).toMatch(/^arn:aws:kms:/);
    expect(publicResourcePolicy(stripe.ResourcePolicy)).toBe(false);
    const sftp = secret("acme-payments-prod", "payments/partner-sftp-credentials");
    expect(sftp.RotationEnabled).toBe(false);
    expect(publicResourcePolicy(sftp.ResourcePolicy)).toBe(false);
    expect(String(sftp.ResourcePolicy)).toContain("777788889999");
    const legacy = secret("acme-retail-prod", "retail/legacy-export-token");
    expect(legacy.RotationEnabled).toBe(false);
    expect(publicResourcePolicy(legacy.ResourcePolicy)).toBe(true);
  });
});
