import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { loadWorld, WorldValidationError } from "../src/index";
import type { TWorld, TWorldAccount } from "../src/world/world.types";
import { computeWorldStats, DEMO_VENDOR, generateDemoWorld } from "../src/worlds/index";

// Generating and loading whole worlds takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const EXTERNAL_ID = "ext-demo-test-4711";
const world = generateDemoWorld({ externalId: EXTERNAL_ID });
const worldsDir = join(dirname(fileURLToPath(import.meta.url)), "../src/worlds");

type TObj = Record<string, unknown>;
const list = (value: unknown): TObj[] => (Array.isArray(value) ? (value as TObj[]) : []);
const accountByName = (name: string): TWorldAccount => {
  const account = world.accounts.find((a) => a.Name === name);
  if (!account) throw new Error(`no account ${name}`);
  return account;
};
const regionalList = (account: TWorldAccount, service: string, key: string): TObj[] =>
  Object.values(account.regions ?? {}).flatMap((r) =>
    list(((r as TObj)[service] as TObj | undefined)?.[key]),
  );
const roles = (account: TWorldAccount) => account.iam?.AuthorizationDetails?.RoleDetailList ?? [];
const tagValue = (tags: unknown, key: string) => list(tags).find((t) => t.Key === key)?.Value;

describe("generateDemoWorld", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateDemoWorld({ externalId: EXTERNAL_ID })).toEqual(world);
    expect(generateDemoWorld({ externalId: EXTERNAL_ID, seed: 7 })).toEqual(
      generateDemoWorld({ externalId: EXTERNAL_ID, seed: 7 }),
    );
    expect(generateDemoWorld({ externalId: EXTERNAL_ID, seed: 7 })).not.toEqual(world);
  });

  it("has the organization the README's demo describes", () => {
    const stats = computeWorldStats(world);
    expect(stats.accounts).toBeGreaterThanOrEqual(12);
    expect(stats.organizationalUnits).toBeGreaterThanOrEqual(4);
    expect(stats.regions).toEqual(expect.arrayContaining(["us-east-1", "eu-west-1"]));
    expect(stats.totalResources).toBeGreaterThanOrEqual(2000);
    expect(world.accounts.filter((a) => a.Status === "SUSPENDED")).toHaveLength(1);
    const ouNames = (world.organization.OrganizationalUnits ?? []).map((ou) => ou.Name);
    expect(ouNames).toEqual(
      expect.arrayContaining(["Security", "Sandbox", "Workloads", "Prod", "NonProd"]),
    );
    const prod = world.organization.OrganizationalUnits?.find((ou) => ou.Name === "Prod");
    expect(
      world.organization.OrganizationalUnits?.find((ou) => ou.Name === "NonProd")?.ParentId,
    ).toBe(prod?.ParentId);
    for (const bu of ["payments", "retail", "data"]) {
      const tagged = world.accounts.filter((a) => tagValue(a.Tags, "BusinessUnit") === bu);
      expect(tagged.length, bu).toBeGreaterThanOrEqual(bu === "data" ? 1 : 2);
      expect(
        tagged.every(
          (a) =>
            tagValue(a.Tags, "Owner")?.toString().endsWith("@acme.example") &&
            tagValue(a.Tags, "Environment"),
        ),
      ).toBe(true);
    }
    // Business-unit mapping has something to match at every step.
    expect(
      world.accounts.some(
        (a) => a.Status === "ACTIVE" && tagValue(a.Tags, "BusinessUnit") === undefined,
      ),
    ).toBe(true);
    const instances = world.accounts.flatMap((a) => regionalList(a, "ec2", "Instances"));
    expect(instances.some((i) => tagValue(i.Tags, "BusinessUnit") !== undefined)).toBe(true);
    expect(instances.some((i) => tagValue(i.Tags, "BusinessUnit") === undefined)).toBe(true);
  });

  it("puts guardrail SCPs on some OUs and none on others, and one S3 RCP", () => {
    const policies = world.organization.Policies ?? [];
    const custom = policies.filter(
      (p) => p.PolicySummary.Type === "SERVICE_CONTROL_POLICY" && !p.PolicySummary.AwsManaged,
    );
    const targeted = new Set(custom.flatMap((p) => p.Targets));
    const ous = world.organization.OrganizationalUnits ?? [];
    const id = (name: string) => ous.find((ou) => ou.Name === name)?.Id ?? "";
    expect(targeted.has(id("Prod"))).toBe(true);
    expect(targeted.has(id("Sandbox"))).toBe(false);
    const prodScps = custom.filter((p) => p.Targets.includes(id("Prod"))).map((p) => p.Content);
    for (const marker of [
      "organizations:LeaveOrganization",
      "arn:aws:iam::*:root",
      "cloudtrail:StopLogging",
      "aws:RequestedRegion",
    ]) {
      expect(
        [
          ...prodScps,
          ...custom.filter((p) => p.Targets.includes(id("Workloads"))).map((p) => p.Content),
        ].some((c) => c.includes(marker)),
        marker,
      ).toBe(true);
    }
    const fullAccess = policies.find((p) => p.PolicySummary.Name === "FullAWSAccess");
    expect(fullAccess?.Targets).toContain(world.organization.Roots[0]?.Id);
    const rcps = policies.filter(
      (p) => p.PolicySummary.Type === "RESOURCE_CONTROL_POLICY" && !p.PolicySummary.AwsManaged,
    );
    expect(rcps).toHaveLength(1);
    expect(rcps[0]?.Targets).toEqual([id("Prod")]);
    expect(world.organization.Roots[0]?.PolicyTypes).toContainEqual({
      Type: "RESOURCE_CONTROL_POLICY",
      Status: "ENABLED",
    });
    for (const p of policies) expect(() => JSON.parse(p.Content)).not.toThrow();
  });

  it("gives every account the scanner role and the management account the org reader", () => {
    const vendorRoot = `arn:aws:iam::${DEMO_VENDOR.accountId}:root`;
    for (const account of world.accounts) {
      const role = roles(account).find((r) => r.RoleName === "GuardrailScanner");
      expect(role, account.Name).toBeDefined();
      const trust = JSON.parse(role?.AssumeRolePolicyDocument ?? "{}");
      expect(trust.Statement[0]).toMatchObject({
        Effect: "Allow",
        Principal: { AWS: vendorRoot },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": EXTERNAL_ID } },
      });
      expect(
        list(role?.AttachedManagedPolicies)
          .map((p) => p.PolicyName)
          .sort(),
      ).toEqual(["SecurityAudit", "ViewOnlyAccess"]);
    }
    const management = world.accounts.find((a) => a.Id === world.organization.MasterAccountId);
    expect(management?.ParentId).toBe(world.organization.Roots[0]?.Id);
    expect(
      roles(management as TWorldAccount).some((r) => r.RoleName === "GuardrailOrgReader"),
    ).toBe(true);
    const renamed = generateDemoWorld({
      externalId: "x",
      memberRoleName: "Scanner2",
      managementRoleName: "Org2",
      vendor: { ...DEMO_VENDOR, accountId: "123123123123" },
    });
    expect(renamed.vendor.accountId).toBe("123123123123");
    for (const account of renamed.accounts)
      expect(
        roles(account).some(
          (r) => r.RoleName === "Scanner2" && r.AssumeRolePolicyDocument?.includes("123123123123"),
        ),
      ).toBe(true);
    expect(renamed.accounts.flatMap(roles).filter((r) => r.RoleName === "Org2")).toHaveLength(1);
  });

  it("has AWS shapes: instances, roles, policies, buckets, ids and timestamps", () => {
    const instanceIds = new Set<string>();
    const bucketNames = new Set<string>();
    for (const account of world.accounts) {
      const roleArns = new Set(roles(account).map((r) => r.Arn));
      const profiles = new Map(
        roles(account).flatMap((r) =>
          list(r.InstanceProfileList).map((p) => [p.Arn, p.InstanceProfileId] as const),
        ),
      );
      const groupIds = new Set(
        regionalList(account, "ec2", "SecurityGroups").map((g) => g.GroupId),
      );
      for (const instance of regionalList(account, "ec2", "Instances")) {
        expect(instance.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
        expect(instanceIds.has(instance.InstanceId as string)).toBe(false);
        instanceIds.add(instance.InstanceId as string);
        expect(["running", "stopped"]).toContain((instance.State as TObj).Name);
        expect(["required", "optional"]).toContain((instance.MetadataOptions as TObj).HttpTokens);
        for (const group of list(instance.SecurityGroups))
          expect(groupIds.has(group.GroupId)).toBe(true);
        const profile = instance.IamInstanceProfile as TObj | undefined;
        if (profile)
          expect(profiles.get(profile.Arn), `${account.Name} ${profile.Arn}`).toBe(profile.Id);
      }
      for (const role of roles(account)) {
        const trust = JSON.parse(role.AssumeRolePolicyDocument ?? "");
        expect(Array.isArray(trust.Statement) && trust.Statement.length > 0).toBe(true);
        for (const inline of list(role.RolePolicyList))
          expect(() => JSON.parse(inline.PolicyDocument as string)).not.toThrow();
      }
      const policyArns = new Set(
        list(account.iam?.AuthorizationDetails?.Policies).map((p) => p.Arn),
      );
      for (const principal of [
        ...roles(account),
        ...list(account.iam?.AuthorizationDetails?.UserDetailList),
        ...list(account.iam?.AuthorizationDetails?.GroupDetailList),
      ]) {
        for (const attached of list(principal.AttachedManagedPolicies))
          expect(policyArns.has(attached.PolicyArn), `${account.Name} ${attached.PolicyArn}`).toBe(
            true,
          );
      }
      for (const policy of list(account.iam?.AuthorizationDetails?.Policies)) {
        for (const version of list(policy.PolicyVersionList))
          expect(() => JSON.parse(version.Document as string)).not.toThrow();
      }
      for (const fn of regionalList(account, "lambda", "Functions"))
        expect(roleArns.has(fn.Role as string), `${fn.FunctionName}`).toBe(true);
      for (const bucket of account.s3?.Buckets ?? []) {
        expect(bucket.Name).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
        expect(bucketNames.has(bucket.Name)).toBe(false);
        bucketNames.add(bucket.Name);
        if (bucket.Policy) expect(() => JSON.parse(bucket.Policy as string)).not.toThrow();
      }
      const header = Object.keys(account.iam?.CredentialReport?.[0] ?? {});
      expect(header).toContain("access_key_1_last_used_date");
      for (const row of account.iam?.CredentialReport ?? [])
        expect(Object.keys(row)).toEqual(header);
    }
    // Timestamps are relative or absolute strings, never Date objects, and never "now+".
    const json = JSON.stringify(world);
    expect(json).not.toMatch(/now\+/);
    for (const match of json.matchAll(/"now[^"]*"/g))
      expect(match[0]).toMatch(/^"now(-\d+[dhm])?"$/);
  });

  it("contains the toxic combinations and escalation paths of the access graph", () => {
    const pay = accountByName("acme-payments-prod");
    const web = regionalList(pay, "ec2", "Instances").find(
      (i) => tagValue(i.Tags, "Name") === "payments-web-1",
    );
    expect(web?.PublicIpAddress).toBeDefined();
    expect((web?.MetadataOptions as TObj).HttpTokens).toBe("optional");
    expect(
      JSON.stringify(
        roles(pay).find((r) => r.RoleName === "payments-web-role")?.AttachedManagedPolicies,
      ),
    ).toContain("AdministratorAccess");
    const webhook = regionalList(accountByName("acme-retail-prod"), "lambda", "Functions").find(
      (f) => f.FunctionName === "retail-webhook",
    );
    expect(JSON.parse(webhook?.Policy as string).Statement[0].Principal).toBe("*");
    const vendorRole = roles(accountByName("acme-retail-nonprod")).find(
      (r) => r.RoleName === "legacy-ci-vendor",
    );
    expect(vendorRole?.AssumeRolePolicyDocument).not.toContain("sts:ExternalId");
    const cluster = regionalList(accountByName("acme-data-prod"), "eks", "Clusters").find(
      (c) => c.name === "data-platform",
    );
    expect((cluster?.resourcesVpcConfig as TObj).publicAccessCidrs).toEqual(["0.0.0.0/0"]);
    // The three-role chain: each role trusts the previous one by ARN.
    const data = roles(accountByName("acme-data-prod"));
    const arn = (name: string) => data.find((r) => r.RoleName === name)?.Arn ?? "missing";
    expect(data.find((r) => r.RoleName === "etl-runner")?.AssumeRolePolicyDocument).toContain(
      arn("analytics-reader"),
    );
    expect(data.find((r) => r.RoleName === "data-admin")?.AssumeRolePolicyDocument).toContain(
      arn("etl-runner"),
    );
    const shared = roles(accountByName("acme-shared-services"));
    expect(
      JSON.stringify(shared.find((r) => r.RoleName === "deploy-automation")?.RolePolicyList),
    ).toContain("iam:UpdateAssumeRolePolicy");
  });

  it("contains every resource named in demo-coverage.md", () => {
    const doc = readFileSync(join(worldsDir, "demo-coverage.md"), "utf8");
    const rows = doc
      .split("\n")
      .filter(
        (line) =>
          /^\| [^-|]/.test(line) && !line.startsWith("| Check") && !line.startsWith("| Path"),
      );
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const json = JSON.stringify(world);
    const missing: string[] = [];
    for (const row of rows) {
      const cells = row.split("|").slice(2, 4);
      expect(
        cells.every((cell) => cell.includes("`")),
        row,
      ).toBe(true);
      for (const name of cells.join("|").matchAll(/`([^`]+)`/g)) {
        const token = name[1] as string;
        if (/[ =*]/.test(token)) continue;
        // A name appears as a JSON value (maybe inside a policy document), as the last segment
        // of an ARN, or as a host name.
        if (
          !(
            json.includes(`"${token}"`) ||
            json.includes(`\\"${token}\\"`) ||
            json.includes(`/${token}"`) ||
            json.includes(`:${token}"`) ||
            json.includes(`${token}.`)
          )
        )
          missing.push(token);
      }
    }
    expect(missing).toEqual([]);
  });

  it("loads in the sandbox without WorldValidationError", () => {
    let error: unknown;
    try {
      loadWorld(JSON.parse(JSON.stringify(world)) as TWorld);
    } catch (e) {
      error = e;
    }
    expect(error instanceof WorldValidationError ? error.message : error).toBeUndefined();
  });

  it("never reads the clock or Math.random in the generators", () => {
    for (const file of readdirSync(worldsDir).filter((f) => f.endsWith(".ts") && f !== "cli.ts")) {
      const source = readFileSync(join(worldsDir, file), "utf8");
      expect(source, file).not.toMatch(/Math\.random|Date\.now|new Date\(/);
    }
  });
});
