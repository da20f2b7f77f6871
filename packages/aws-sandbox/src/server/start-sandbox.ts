/**
 * The sandbox HTTP server: one port for every service. Each request is authenticated
 * (SigV4 against the vendor keys or AssumeRole sessions), routed by the credential scope's
 * service and region, put through behaviour (throttling, faults, latency), answered from
 * the world in the service's own protocol.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { randomInt, randomUUID } from "node:crypto";
import { parseAuthorization, verifySignature } from "../auth/sigv4";
import { SessionStore } from "../auth/session-store";
import { BehaviourEngine } from "../behaviour/behaviour";
import { getShapeTable } from "../protocols/shapes";
import { loadWorld, loadWorldFile, type TLoadedWorld } from "../world/load-world";
import type { TWorld } from "../world/world.types";
import { HANDLERS } from "../services/handlers";
import { AnswerCache, PLACEHOLDER_REQUEST_ID } from "./answer-cache";
import { AnswerRenderer, type TAnswer } from "./render-answer";
import { SERVICE_PROTOCOLS, SIGNING_NAMES } from "./protocol-table";
import type { TPrincipal, TRequestContext, TSandboxState } from "./request-context";
import { RequestRouter } from "./route-request";
import { SandboxError } from "./sandbox-error";

export interface TSandboxOptions {
  /** a world object, or the path of a world JSON file */
  world: TWorld | string;
  /** 0 (default) picks a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  log?: (line: string) => void;
  /** seed of the PRNG that rolls fault probabilities (default: random) */
  seed?: number;
  /** milliseconds since the epoch; session expiry and token buckets read it (default Date.now) */
  clock?: () => number;
  /** the moment relative world timestamps resolve against (default: now) */
  now?: Date;
  /** keep rendered answers of read operations (default true; the world never changes once loaded) */
  answerCache?: boolean;
}

export interface TSandboxStats {
  requests: number;
  byOperation: Record<string, number>;
  throttled: number;
  faults: number;
  unknownOperations: string[];
}

export interface TSandbox {
  url: string;
  port: number;
  world: TLoadedWorld;
  stats(): TSandboxStats;
  resetStats(): void;
  /** turns the cache of rendered answers on or off (benchmarks measure both) */
  setAnswerCache(enabled: boolean): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_048_576;

interface TAuthFailureCodes {
  unknownKey: string;
  badSignature: string;
  expired: string;
  missing: string;
}

function authFailureCodes(service: string): TAuthFailureCodes {
  const protocol = SERVICE_PROTOCOLS[service]?.protocol;
  if (service === "s3" || service === "s3control") {
    return { unknownKey: "InvalidAccessKeyId", badSignature: "SignatureDoesNotMatch", expired: "ExpiredToken", missing: "AccessDenied" };
  }
  if (protocol === "ec2") return { unknownKey: "AuthFailure", badSignature: "AuthFailure", expired: "RequestExpired", missing: "AuthFailure" };
  if (protocol === "json" || protocol === "restJson") {
    return { unknownKey: "UnrecognizedClientException", badSignature: "InvalidSignatureException", expired: "ExpiredTokenException", missing: "MissingAuthenticationTokenException" };
  }
  return { unknownKey: "InvalidClientTokenId", badSignature: "SignatureDoesNotMatch", expired: "ExpiredToken", missing: "MissingAuthenticationToken" };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SandboxError("RequestEntityTooLarge", "The request body is too large.", 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the sandbox on loopback (by default) and resolves once it listens. */
export async function startSandbox(options: TSandboxOptions): Promise<TSandbox> {
  const now = options.now ?? new Date();
  const loaded = typeof options.world === "string" ? loadWorldFile(options.world, { now }) : loadWorld(options.world, { now });
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => undefined);
  const table = getShapeTable();
  const renderer = new AnswerRenderer(table);
  const router = new RequestRouter(table);
  const behaviour = new BehaviourEngine(loaded.world.behaviour ?? {}, clock, options.seed ?? randomInt(2 ** 31));
  const state: TSandboxState = { loaded, sessions: new SessionStore(), credentialReports: new Map(), clock };
  const vendor = loaded.world.vendor;
  const vendorPrincipal: TPrincipal = {
    arn: loaded.vendorArn,
    accountId: vendor.accountId,
    userId: `AIDA${vendor.accountId}${vendor.userName.replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 8)}`,
  };

  let stats: TSandboxStats = { requests: 0, byOperation: {}, throttled: 0, faults: 0, unknownOperations: [] };
  const heldSockets = new Set<Socket>();

  let answers = new AnswerCache();
  let answerCacheEnabled = options.answerCache ?? true;

  function send(res: ServerResponse, answer: TAnswer): void {
    answer.headers["content-length"] ??= String(Buffer.byteLength(answer.body));
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const requestId = randomUUID();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? "" : url.slice(q + 1);
    const method = req.method ?? "GET";
    let service = "sts";
    let answer: TAnswer;
    try {
      const body = await readBody(req);
      const authorization = parseAuthorization(typeof req.headers.authorization === "string" ? req.headers.authorization : undefined);
      if (!authorization) {
        throw new SandboxError(authFailureCodes(service).missing, "Request is missing Authentication Token");
      }
      const signingService = SIGNING_NAMES[authorization.service];
      if (!signingService) {
        const label = `${authorization.service}:*`;
        if (!stats.unknownOperations.includes(label)) stats.unknownOperations.push(label);
        log(`unknown service ${authorization.service} (${method} ${rawPath})`);
        // answer in the envelope the caller's protocol reads: awsJson, restJson or query XML
        const contentType = String(req.headers["content-type"] ?? "");
        service = req.headers["x-amz-target"] ? "kms" : contentType.includes("json") ? "lambda" : "sts";
        throw service === "sts"
          ? new SandboxError("InvalidAction", `The sandbox does not serve the service ${authorization.service}.`)
          : new SandboxError("UnknownOperationException", `The sandbox does not serve the service ${authorization.service}.`);
      }
      service = signingService === "s3" && rawPath.startsWith("/v20180820/") ? "s3control" : signingService;
      const codes = authFailureCodes(service);
      let principal: TPrincipal;
      let secret: string;
      let accountId: string;
      if (authorization.accessKeyId === vendor.accessKeyId) {
        principal = vendorPrincipal;
        secret = vendor.secretAccessKey;
        accountId = vendor.accountId;
      } else {
        const session = state.sessions.find(authorization.accessKeyId);
        if (!session) {
          throw new SandboxError(codes.unknownKey, service === "s3" || service === "s3control"
            ? "The AWS Access Key Id you provided does not exist in our records."
            : "The security token included in the request is invalid.");
        }
        if (req.headers["x-amz-security-token"] !== session.sessionToken) {
          throw new SandboxError(service === "s3" ? "InvalidToken" : codes.unknownKey, "The security token included in the request is invalid.");
        }
        if (clock() >= session.expiresAt) throw new SandboxError(codes.expired, "The security token included in the request is expired");
        principal = { arn: session.assumedRoleArn, accountId: session.accountId, userId: `${session.roleId}:${session.sessionName}`, roleArn: session.roleArn };
        secret = session.secretAccessKey;
        accountId = session.accountId;
      }
      const signed = verifySignature({ method, rawPath, rawQuery, headers: req.headers, body, authorization, secretAccessKey: secret, uriEscapePath: signingService !== "s3" });
      if (!signed) {
        throw new SandboxError(codes.badSignature, service === "ec2"
          ? "AWS was not able to validate the provided access credentials"
          : "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
      }
      const routed = router.route(service, method, rawPath, rawQuery, req.headers, body);
      const operation = routed.operation;
      const handler = operation ? HANDLERS[service]?.[operation] : undefined;
      if (!operation || !handler) {
        const label = `${service}:${routed.requested}`;
        if (!stats.unknownOperations.includes(label)) stats.unknownOperations.push(label);
        log(`unknown operation ${label} (${method} ${rawPath})`);
        const protocol = SERVICE_PROTOCOLS[service]!.protocol;
        throw protocol === "query" || protocol === "ec2"
          ? new SandboxError("InvalidAction", `The action ${routed.requested} is not valid for this web service.`)
          : new SandboxError("UnknownOperationException", `The sandbox does not serve ${routed.requested}.`, protocol === "json" ? 400 : 404);
      }
      const opKey = `${service}:${operation}`;
      stats.byOperation[opKey] = (stats.byOperation[opKey] ?? 0) + 1;
      if (!behaviour.takeToken(accountId, service)) {
        stats.throttled++;
        const throttle = SERVICE_PROTOCOLS[service]!.throttle;
        throw new SandboxError(throttle.code, "Rate exceeded", throttle.status);
      }
      const fault = behaviour.pickFault({ account: accountId, region: authorization.region, service, operation });
      if (fault) {
        stats.faults++;
        if (fault.error === "timeout") {
          heldSockets.add(req.socket);
          req.socket.once("close", () => heldSockets.delete(req.socket));
          log(`fault timeout ${opKey} account=${accountId}`);
          return;
        }
        throw new SandboxError(fault.error, fault.message ?? `Injected fault: ${fault.error}`);
      }
      // read operations answer from the cache of rendered answers (the world never changes)
      const cacheKey = answerCacheEnabled ? answers.keyOf(service, operation, accountId, authorization.region, routed.input) : undefined;
      const cached = cacheKey === undefined ? undefined : answers.take(cacheKey, requestId);
      if (cached) {
        answer = cached;
      } else {
        const ctx: TRequestContext = {
          state,
          service,
          operation,
          region: authorization.region,
          principal,
          accountId,
          account: loaded.accountsById.get(accountId),
          input: routed.input,
          headers: req.headers,
          pageSize: behaviour.pageSize,
        };
        const output = handler(ctx);
        answer =
          cacheKey === undefined
            ? renderer.renderSuccess(service, operation, output, requestId)
            : answers.store(cacheKey, renderer.renderSuccess(service, operation, output, PLACEHOLDER_REQUEST_ID), requestId);
      }
    } catch (error) {
      if (error instanceof SandboxError) {
        answer = renderer.renderError(service, error, requestId);
      } else {
        log(`internal error ${method} ${rawPath}: ${(error as Error).stack ?? String(error)}`);
        answer = renderer.renderError(service, new SandboxError("InternalFailure", "The sandbox failed to answer this request.", 500), requestId);
      }
    }
    if (behaviour.latencyMs > 0) await sleep(behaviour.latencyMs);
    send(res, answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`unhandled ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Keep idle keep-alive sockets long (as AWS endpoints do), so a client never reuses a
  // socket the server is closing at that moment ("socket hang up").
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const urlHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    world: loaded,
    stats: () => ({ ...stats, byOperation: { ...stats.byOperation }, unknownOperations: [...stats.unknownOperations] }),
    resetStats: () => {
      stats = { requests: 0, byOperation: {}, throttled: 0, faults: 0, unknownOperations: [] };
    },
    setAnswerCache: (enabled) => {
      answerCacheEnabled = enabled;
      answers = new AnswerCache();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of heldSockets) socket.destroy();
        heldSockets.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
