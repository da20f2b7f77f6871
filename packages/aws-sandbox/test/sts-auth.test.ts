import { GetCallerIdentityCommand, AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { IAMClient, ListAccountAliasesCommand } from "@aws-sdk/client-iam";
import { S3Client, ListBucketsCommand } from "@aws-sdk/client-s3";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { EC2Client, DescribeVpcsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSandbox } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, VENDOR_CREDENTIALS } from "./sandbox-fixture";
import { buildTestWorld, MEMBER, SUSPENDED, VENDOR } from "./test-world";

let sandbox: TSandbox;
let now = Date.parse("2026-01-01T00:00:00Z");

beforeAll(async () => {
  sandbox = await startTestSandbox({ world: buildTestWorld(), clock: () => now });
});
afterAll(async () => {
  await sandbox.stop();
});

function sts(credentials = VENDOR_CREDENTIALS): STSClient {
  return new STSClient(clientConfig(sandbox, credentials));
}

describe("SigV4 authentication", () => {
  it("answers GetCallerIdentity for the vendor user", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: VENDOR.accountId, Arn: `arn:aws:iam::${VENDOR.accountId}:user/${VENDOR.userName}` });
  });

  it("rejects a wrong secret with SignatureDoesNotMatch", async () => {
    const error = await sts({ ...VENDOR_CREDENTIALS, secretAccessKey: "wrong" }).send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "SignatureDoesNotMatch", $metadata: { httpStatusCode: 403 } });
  });

  it("rejects an unknown key with InvalidClientTokenId (S3: InvalidAccessKeyId)", async () => {
    const unknown = { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" };
    await expect(sts(unknown).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
    await expect(new IAMClient(clientConfig(sandbox, unknown)).send(new ListAccountAliasesCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    await expect(new S3Client({ ...clientConfig(sandbox, unknown), forcePathStyle: true }).send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: "InvalidAccessKeyId", $metadata: { httpStatusCode: 403 } });
    await expect(new KMSClient(clientConfig(sandbox, unknown)).send(new ListKeysCommand({}))).rejects.toMatchObject({ name: "UnrecognizedClientException" });
    await expect(new EC2Client(clientConfig(sandbox, unknown)).send(new DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "AuthFailure" });
  });

  it("rejects a wrong secret on S3 and JSON services with their own codes", async () => {
    const wrong = { ...VENDOR_CREDENTIALS, secretAccessKey: "wrong" };
    await expect(new S3Client({ ...clientConfig(sandbox, wrong), forcePathStyle: true }).send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: "SignatureDoesNotMatch" });
    await expect(new KMSClient(clientConfig(sandbox, wrong)).send(new ListKeysCommand({}))).rejects.toMatchObject({ name: "InvalidSignatureException" });
  });
});

describe("AssumeRole", () => {
  it("issues session credentials bound to the role's account", async () => {
    const credentials = await assumeScannerRole(sandbox, MEMBER);
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    const identity = await sts(credentials).send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MEMBER, Arn: `arn:aws:sts::${MEMBER}:assumed-role/PostureScanner/guardrail-test` });
    expect(identity.UserId).toMatch(/:guardrail-test$/);
    const aliases = await new IAMClient(clientConfig(sandbox, credentials)).send(new ListAccountAliasesCommand({}));
    expect(aliases.AccountAliases).toEqual(["prod-app"]);
  });

  it("returns the session's expiry from DurationSeconds", async () => {
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/PostureScanner`, RoleSessionName: "s1", ExternalId: "ext-test-1234", DurationSeconds: 1800 }));
    expect(out.Credentials?.Expiration?.getTime()).toBe(now + 1800 * 1000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/PostureScanner/s1`);
  });

  it("refuses a wrong or missing external id with AWS's AccessDenied wording", async () => {
    const roleArn = `arn:aws:iam::${MEMBER}:role/PostureScanner`;
    const message = `User: arn:aws:iam::${VENDOR.accountId}:user/${VENDOR.userName} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
    await expect(sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", ExternalId: "wrong" }))).rejects.toMatchObject({ name: "AccessDenied", message, $metadata: { httpStatusCode: 403 } });
    await expect(sts().send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1" }))).rejects.toMatchObject({ name: "AccessDenied", message });
  });

  it("matches StringLike external ids and account-id principals", async () => {
    await expect(assumeScannerRole(sandbox, MEMBER, { roleName: "LikeRole", externalId: "ext-anything" })).resolves.toBeDefined();
    await expect(assumeScannerRole(sandbox, MEMBER, { roleName: "LikeRole", externalId: "nope" })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assumeScannerRole(sandbox, MEMBER, { roleName: "NoExternalId", externalId: "whatever" })).resolves.toBeDefined();
  });

  it("refuses a principal the trust policy does not name, a missing role and a suspended account", async () => {
    await expect(assumeScannerRole(sandbox, MEMBER, { roleName: "OtherVendor" })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assumeScannerRole(sandbox, MEMBER, { roleName: "DoesNotExist" })).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(`on resource: arn:aws:iam::${MEMBER}:role/DoesNotExist`),
    });
    await expect(assumeScannerRole(sandbox, SUSPENDED)).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("lets an assumed-role session assume a role that trusts that role", async () => {
    const first = await assumeScannerRole(sandbox, MEMBER, { roleName: "NoExternalId" });
    const out = await sts(first).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/ChainTarget`, RoleSessionName: "chained" }));
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/ChainTarget/chained`);
    const scanner = await assumeScannerRole(sandbox, MEMBER);
    await expect(sts(scanner).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/ChainTarget`, RoleSessionName: "chained" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringContaining(`User: arn:aws:sts::${MEMBER}:assumed-role/PostureScanner/guardrail-test is not authorized`),
    });
  });

  it("rejects DurationSeconds outside 900..MaxSessionDuration", async () => {
    await expect(assumeScannerRole(sandbox, MEMBER, { durationSeconds: 7200 })).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("expires sessions and rejects a tampered session token", async () => {
    const credentials = await assumeScannerRole(sandbox, MEMBER, { durationSeconds: 900 });
    await expect(sts({ ...credentials, sessionToken: "forged" }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    now += 901 * 1000;
    await expect(sts(credentials).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "ExpiredToken", $metadata: { httpStatusCode: 403 } });
    await expect(new S3Client({ ...clientConfig(sandbox, credentials), forcePathStyle: true }).send(new ListBucketsCommand({}))).rejects.toMatchObject({ name: "ExpiredToken" });
  });
});
