import { readFileSync } from "node:fs";
import * as ORG from "@aws-sdk/client-organizations";
import * as IAM from "@aws-sdk/client-iam";
import * as EC2 from "@aws-sdk/client-ec2";
import * as S3 from "@aws-sdk/client-s3";
import * as STS from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type TSandbox, type TWorld } from "../src/index";

// Tests may read ../shared; product code never does.
const DEMO_PATH = new URL("../../../../shared/sandbox/demo-small.json", import.meta.url);
const demo = JSON.parse(readFileSync(DEMO_PATH, "utf8")) as TWorld;
const vendor = { accessKeyId: demo.vendor.accessKeyId, secretAccessKey: demo.vendor.secretAccessKey };

let sandbox: TSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ world: DEMO_PATH.pathname, seed: 1 });
});
afterAll(async () => {
  await sandbox.stop();
});

function config(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return { endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 };
}

describe("demo-small.json", () => {
  it("loads and serves the organization through the management account's scanner role", async () => {
    const assumed = await new STS.STSClient(config(vendor)).send(
      new STS.AssumeRoleCommand({ RoleArn: "arn:aws:iam::111111111111:role/PostureOrgReader", RoleSessionName: "demo", ExternalId: "ext-demo-7f3a9c51" }),
    );
    const credentials = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
    const org = new ORG.OrganizationsClient(config(credentials));
    const accounts = await org.send(new ORG.ListAccountsCommand({}));
    expect(accounts.Accounts?.map((a) => a.Id)).toEqual(demo.accounts.map((a) => a.Id));
    const iam = new IAM.IAMClient(config(credentials));
    const details = await iam.send(new IAM.GetAccountAuthorizationDetailsCommand({}));
    expect(details.UserDetailList?.[0]?.UserName).toBe("admin-legacy");
    expect(decodeURIComponent(details.RoleDetailList![0]!.AssumeRolePolicyDocument!)).toContain("ext-demo-7f3a9c51");
    expect((await iam.send(new IAM.GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.MinimumPasswordLength).toBe(8);
  });

  it("serves each member account's resources to its own scanner role", async () => {
    for (const account of demo.accounts) {
      const role = account.iam?.AuthorizationDetails?.RoleDetailList?.find((r) => r.RoleName === "PostureScanner");
      if (!role) continue;
      const assumed = await new STS.STSClient(config(vendor)).send(new STS.AssumeRoleCommand({ RoleArn: role.Arn, RoleSessionName: "demo", ExternalId: "ext-demo-7f3a9c51" }));
      const credentials = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
      const vpcs = await new EC2.EC2Client(config(credentials)).send(new EC2.DescribeVpcsCommand({}));
      expect(vpcs.Vpcs?.map((v) => v.VpcId)).toEqual((account.regions?.["us-east-1"]?.ec2?.Vpcs ?? []).map((v) => v.VpcId));
      const buckets = await new S3.S3Client({ ...config(credentials), forcePathStyle: true }).send(new S3.ListBucketsCommand({}));
      expect(buckets.Buckets?.map((b) => b.Name)).toEqual((account.s3?.Buckets ?? []).map((b) => b.Name));
    }
    expect(sandbox.stats().unknownOperations).toEqual([]);
  });
});
