import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { AsyncLocalStorage } from "node:async_hooks";
import { AccessAnalyzerClient } from "@aws-sdk/client-accessanalyzer";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ECSClient } from "@aws-sdk/client-ecs";
import { EKSClient } from "@aws-sdk/client-eks";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { RDSClient } from "@aws-sdk/client-rds";
import { Route53Client } from "@aws-sdk/client-route-53";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { GLOBAL_REGION, type TServiceKey } from "../resource-model";
import type { TCredentialBroker } from "./credential-broker";
import type { TRateLimiter } from "./rate-limiter";

export interface TAwsTarget {
  accountId: string;
  region: string;
}

const CLIENT_CLASSES = {
  accessanalyzer: AccessAnalyzerClient,
  cloudtrail: CloudTrailClient,
  config: ConfigServiceClient,
  ec2: EC2Client,
  ecs: ECSClient,
  eks: EKSClient,
  guardduty: GuardDutyClient,
  iam: IAMClient,
  kms: KMSClient,
  lambda: LambdaClient,
  organizations: OrganizationsClient,
  rds: RDSClient,
  route53: Route53Client,
  s3: S3Client,
  s3control: S3ControlClient,
  secretsmanager: SecretsManagerClient,
  sns: SNSClient,
  sqs: SQSClient,
} as const;

export type TClientName = keyof typeof CLIENT_CLASSES;
export type TClientOf<N extends TClientName> = InstanceType<(typeof CLIENT_CLASSES)[N]>;

/** The politeness-budget bucket each client name counts against. */
const RATE_LIMIT_SERVICE: Record<TClientName, TServiceKey> = {
  accessanalyzer: "accessanalyzer",
  cloudtrail: "cloudtrail",
  config: "config",
  ec2: "ec2",
  ecs: "ecs",
  eks: "eks",
  guardduty: "guardduty",
  iam: "iam",
  kms: "kms",
  lambda: "lambda",
  organizations: "organizations",
  rds: "rds",
  route53: "route53",
  s3: "s3",
  s3control: "s3",
  secretsmanager: "secretsmanager",
  sns: "sns",
  sqs: "sqs",
};

/** The AWS region that serves a global service's API. */
export const GLOBAL_API_REGION = "us-east-1";

export interface TCallCounter {
  count: number;
}

export interface TClientFactory {
  /** The cached SDK client for (account, region, service); region "global" means us-east-1. */
  get<N extends TClientName>(name: N, target: TAwsTarget): TClientOf<N>;
  /** Runs `fn` counting every HTTP attempt its SDK calls make into `counter`. */
  withCallCounter<T>(counter: TCallCounter, fn: () => Promise<T>): Promise<T>;
  /** HTTP attempts made by every client of this factory so far, and the number of clients. */
  stats(): { apiCalls: number; clients: number };
  /** Closes every client and the shared keep-alive sockets. */
  destroy(): void;
}

export interface TClientFactoryOptions {
  broker: TCredentialBroker;
  roleArnFor(accountId: string): string;
  rateLimiter: TRateLimiter;
  /** One endpoint for every service (the sandbox); default: the SDK's own resolution. */
  endpoint?: string;
  /** Attempts per call including the first (adaptive retry mode), default 10. */
  maxAttempts?: number;
  /** S3 path-style addressing; default true when `endpoint` is set. */
  forcePathStyle?: boolean;
  /** Socket idle timeout per HTTP attempt, default 15 s. */
  requestTimeoutMs?: number;
  /** Concurrent sockets per host, default 64. */
  maxSockets?: number;
  /**
   * Clients kept (least recently used dropped first), default 1024. A client costs ~20 KiB
   * new and more once used (resolved endpoints, cached credentials); a collection uses its
   * (account, region, service) clients for the length of one job, so a worker needs about
   * twice its collection concurrency. Dropping one only loses its adaptive-retry state
   * (sockets belong to the shared agents).
   */
  maxClients?: number;
}

const POLITENESS_MIDDLEWARE = "guardrailPolitenessMiddleware";

export function createClientFactory(opts: TClientFactoryOptions): TClientFactory {
  const maxSockets = opts.maxSockets ?? 64;
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets });
  const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets });
  const clients = new Map<string, { destroy(): void }>();
  const maxClients = Math.max(1, opts.maxClients ?? 1024);
  const callScope = new AsyncLocalStorage<TCallCounter>();
  let apiCalls = 0;
  const endpoint = opts.endpoint;
  const forcePathStyle = opts.forcePathStyle ?? endpoint !== undefined;

  const create = (name: TClientName, target: TAwsTarget) => {
    const Ctor = CLIENT_CLASSES[name] as unknown as new (config: Record<string, unknown>) => {
      middlewareStack: {
        addRelativeTo(mw: unknown, options: Record<string, unknown>): void;
      };
      destroy(): void;
    };
    const client = new Ctor({
      region: target.region === GLOBAL_REGION ? GLOBAL_API_REGION : target.region,
      credentials: opts.broker.providerFor(opts.roleArnFor(target.accountId)),
      maxAttempts: opts.maxAttempts ?? 10,
      retryMode: "adaptive",
      requestHandler: new NodeHttpHandler({
        httpAgent,
        httpsAgent,
        connectionTimeout: 5_000,
        requestTimeout: opts.requestTimeoutMs ?? 15_000,
        throwOnRequestTimeout: true,
      }),
      ...(endpoint ? { endpoint } : {}),
      ...(name === "s3" ? { forcePathStyle } : {}),
      // S3 Control's endpoint rules prefix the host with the account id
      // (`http://123456789012.127.0.0.1:port`), which a single custom endpoint cannot serve.
      ...(name === "s3control" && endpoint
        ? { endpointProvider: () => ({ url: new URL(endpoint) }) }
        : {}),
    });
    const key = {
      accountId: target.accountId,
      region: target.region,
      service: RATE_LIMIT_SERVICE[name],
    };
    // Runs after the retry middleware: once per HTTP attempt, retries included.
    client.middlewareStack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
        apiCalls++;
        const counter = callScope.getStore();
        if (counter) counter.count++;
        await opts.rateLimiter.acquire(key);
        return next(args);
      },
      {
        relation: "after",
        toMiddleware: "retryMiddleware",
        name: POLITENESS_MIDDLEWARE,
        override: true,
      },
    );
    return client;
  };

  return {
    get(name, target) {
      const id = `${name}|${target.accountId}|${target.region}`;
      let client = clients.get(id);
      if (client) {
        // Map order is insertion order: re-insert to mark it most recently used.
        clients.delete(id);
      } else {
        client = create(name, target);
      }
      clients.set(id, client);
      if (clients.size > maxClients) {
        // Not destroy(): that would close the shared agents' sockets under other clients.
        const oldest = clients.keys().next().value;
        if (oldest !== undefined) clients.delete(oldest);
      }
      return client as unknown as TClientOf<typeof name>;
    },
    withCallCounter: (counter, fn) => callScope.run(counter, fn),
    stats: () => ({ apiCalls, clients: clients.size }),
    destroy() {
      // Each client's handler destroys the shared agents: every socket closes here.
      for (const client of clients.values()) client.destroy();
      clients.clear();
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
