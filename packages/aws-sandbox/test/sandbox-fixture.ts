/** Starts a sandbox for a test file and builds SDK client configs against it. */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { startSandbox, type TSandbox, type TSandboxOptions } from "../src/index";
import { EXTERNAL_ID, VENDOR } from "./test-world";

export interface TCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const VENDOR_CREDENTIALS: TCredentials = { accessKeyId: VENDOR.accessKeyId, secretAccessKey: VENDOR.secretAccessKey };

export function clientConfig(sandbox: TSandbox, credentials: TCredentials, region = "us-east-1") {
  return { endpoint: sandbox.url, region, credentials, maxAttempts: 1 };
}

export async function assumeScannerRole(sandbox: TSandbox, account: string, options: { roleName?: string; externalId?: string; durationSeconds?: number } = {}): Promise<TCredentials> {
  const sts = new STSClient(clientConfig(sandbox, VENDOR_CREDENTIALS));
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${account}:role/${options.roleName ?? "PostureScanner"}`,
      RoleSessionName: "guardrail-test",
      ExternalId: options.externalId ?? EXTERNAL_ID,
      ...(options.durationSeconds ? { DurationSeconds: options.durationSeconds } : {}),
    }),
  );
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

export function startTestSandbox(options: TSandboxOptions): Promise<TSandbox> {
  return startSandbox({ seed: 42, ...options });
}
