/** Starts the AWS sandbox on a world and wires a broker and client factory to it (integration tests). */
import { readFileSync } from "node:fs";
import { startSandbox, type TSandbox } from "@guardrail/aws-sandbox";
import { createClientFactory, type TClientFactory } from "../core/client-factory";
import { createCredentialBroker, type TCredentialBroker } from "../core/credential-broker";
import { createInMemoryRateLimiter, type TRateLimiter } from "../core/rate-limiter";

export const DEMO_WORLD_PATH = "/work/shared/sandbox/demo-small.json";
export const DEMO_EXTERNAL_ID = "ext-demo-7f3a9c51";

/** The parts of a world file the tests read (the format is /work/shared/sandbox/WORLD.md). */
export interface TTestWorld {
  vendor: { accountId: string; accessKeyId: string; secretAccessKey: string };
  organization: {
    MasterAccountId: string;
    OrganizationalUnits: Array<{ Id: string; ParentId: string }>;
    Policies: Array<{
      PolicySummary: { Arn: string; Type: string };
      Content: string;
      Targets: string[];
    }>;
  };
  accounts: Array<
    Record<string, unknown> & {
      Id: string;
      ParentId: string;
      Tags?: Array<{ Key: string; Value: string }>;
    }
  >;
  behaviour?: Record<string, unknown>;
}

export function readDemoWorld(): TTestWorld {
  return JSON.parse(readFileSync(DEMO_WORLD_PATH, "utf8")) as TTestWorld;
}

export interface THarness {
  sandbox: TSandbox;
  broker: TCredentialBroker;
  clients: TClientFactory;
  managementAccountId: string;
  roleArn(accountId: string): string;
  stop(): Promise<void>;
}

export async function startHarness(opts: {
  world: TTestWorld;
  externalId?: string;
  memberRoleName?: string;
  rateLimiter?: TRateLimiter;
  maxAttempts?: number;
  requestTimeoutMs?: number;
}): Promise<THarness> {
  const sandbox = await startSandbox({ world: opts.world as never, port: 0 });
  const broker = createCredentialBroker({
    vendorCredentials: async () => ({
      accessKeyId: opts.world.vendor.accessKeyId,
      secretAccessKey: opts.world.vendor.secretAccessKey,
    }),
    endpoint: sandbox.url,
    externalId: opts.externalId ?? DEMO_EXTERNAL_ID,
  });
  const managementAccountId = opts.world.organization.MasterAccountId;
  const memberRole = opts.memberRoleName ?? "PostureScanner";
  const roleArn = (accountId: string) =>
    accountId === managementAccountId
      ? `arn:aws:iam::${managementAccountId}:role/PostureOrgReader`
      : `arn:aws:iam::${accountId}:role/${memberRole}`;
  const clients = createClientFactory({
    broker,
    endpoint: sandbox.url,
    roleArnFor: roleArn,
    rateLimiter: opts.rateLimiter ?? createInMemoryRateLimiter({ defaults: { default: { perSecond: 200, burst: 200 } } }),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    requestTimeoutMs: opts.requestTimeoutMs ?? 5_000,
  });
  return {
    sandbox,
    broker,
    clients,
    managementAccountId,
    roleArn,
    async stop() {
      clients.destroy();
      await sandbox.stop();
    },
  };
}
