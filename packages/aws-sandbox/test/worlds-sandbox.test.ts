/** The generated worlds served by the real sandbox and read through the real SDK clients. */
import {
  DescribeInstancesCommand,
  EC2Client,
  GetInstanceMetadataDefaultsCommand,
} from "@aws-sdk/client-ec2";
import { GetAccountAuthorizationDetailsCommand, IAMClient } from "@aws-sdk/client-iam";
import {
  ListAccountsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { GetBucketPolicyStatusCommand, S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandbox, type TSandbox } from "../src/index";
import { DEMO_VENDOR, generateDemoWorld } from "../src/worlds/index";

// Generating and loading whole worlds takes seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const EXTERNAL_ID = "ext-sandbox-test-0815";
const PAYMENTS_PROD = "240681357924";
const RETAIL_PROD = "462803579146";
const world = generateDemoWorld({ externalId: EXTERNAL_ID });
const vendorCredentials = {
  accessKeyId: DEMO_VENDOR.accessKeyId,
  secretAccessKey: DEMO_VENDOR.secretAccessKey,
};
let sandbox: TSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ world, seed: 1 });
});
afterAll(async () => {
  await sandbox.stop();
});

const config = (
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  region = "us-east-1",
) => ({
  endpoint: sandbox.url,
  region,
  credentials,
  maxAttempts: 1,
});

async function assume(accountId: string, roleName: string, externalId = EXTERNAL_ID) {
  const out = await new STSClient(config(vendorCredentials)).send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: "worlds-test",
      ExternalId: externalId,
    }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
    throw new Error("AssumeRole returned no credentials");
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
  };
}

describe("the demo world in the sandbox", () => {
  it("lets the vendor assume the scanner role only with the external ID", async () => {
    await expect(assume(PAYMENTS_PROD, "GuardrailScanner", "wrong-id")).rejects.toMatchObject({
      name: "AccessDenied",
    });
    const credentials = await assume(PAYMENTS_PROD, "GuardrailScanner");
    const ec2 = new EC2Client(config(credentials));
    const instances =
      (await ec2.send(new DescribeInstancesCommand({}))).Reservations?.flatMap(
        (r) => r.Instances ?? [],
      ) ?? [];
    const web = instances.find((i) =>
      i.Tags?.some((t) => t.Key === "Name" && t.Value === "payments-web-1"),
    );
    expect(web?.MetadataOptions?.HttpTokens).toBe("optional");
    expect(web?.LaunchTime).toBeInstanceOf(Date);
    expect(
      (await ec2.send(new GetInstanceMetadataDefaultsCommand({}))).AccountLevel?.HttpTokens,
    ).toBe("required");
    const iam = new IAMClient(config(credentials));
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1000 }));
    expect(details.RoleDetailList?.some((r) => r.RoleName === "datadog-legacy")).toBe(true);
  });

  it("serves the organization to the org reader role of the management account", async () => {
    const credentials = await assume(world.organization.MasterAccountId, "GuardrailOrgReader");
    const org = new OrganizationsClient(config(credentials));
    const accounts = [];
    let token: string | undefined;
    do {
      const page = await org.send(new ListAccountsCommand({ NextToken: token }));
      accounts.push(...(page.Accounts ?? []));
      token = page.NextToken;
    } while (token);
    expect(accounts).toHaveLength(world.accounts.length);
    expect(accounts.filter((a) => a.Status === "SUSPENDED")).toHaveLength(1);
    const prodOu = world.organization.OrganizationalUnits?.find((ou) => ou.Name === "Prod")?.Id;
    const scps = await org.send(
      new ListPoliciesForTargetCommand({ TargetId: prodOu, Filter: "SERVICE_CONTROL_POLICY" }),
    );
    expect(scps.Policies?.map((p) => p.Name)).toEqual(
      expect.arrayContaining(["DenyRootUser", "DenyUnapprovedRegions"]),
    );
  });

  it("derives public buckets the way AWS does", async () => {
    const retail = new S3Client({
      ...config(await assume(RETAIL_PROD, "GuardrailScanner")),
      forcePathStyle: true,
    });
    const status = await retail.send(
      new GetBucketPolicyStatusCommand({ Bucket: "acme-retail-public-assets" }),
    );
    expect(status.PolicyStatus?.IsPublic).toBe(true);
    const ledger = new S3Client({
      ...config(await assume(PAYMENTS_PROD, "GuardrailScanner")),
      forcePathStyle: true,
    });
    const ledgerStatus = await ledger.send(
      new GetBucketPolicyStatusCommand({ Bucket: "acme-payments-ledger" }),
    );
    expect(ledgerStatus.PolicyStatus?.IsPublic).toBe(false);
  });
});
