/**
 * AWS Signature Version 4 verification (header auth), the canonical request exactly as the
 * SDK's signer builds it: double-encoded path for every service but S3, sorted and
 * re-encoded query, signed headers only, `x-amz-content-sha256` (or UNSIGNED-PAYLOAD)
 * for the payload when present.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface TAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  scope: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/** Parses `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorization(header: string | undefined): TAuthorization | undefined {
  if (!header) return undefined;
  const match = AUTH_PATTERN.exec(header);
  if (!match) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match as unknown as string[];
  return {
    accessKeyId: accessKeyId!,
    date: date!,
    region: region!,
    service: service!,
    scope: `${date}/${region}/${service}/aws4_request`,
    signedHeaders: signedHeaders!.split(";"),
    signature: signature!,
  };
}

export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function buildCanonicalPath(rawPath: string, uriEscapePath: boolean): string {
  if (!uriEscapePath) return rawPath || "/";
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment.length === 0 || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${rawPath.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && rawPath.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

export function buildCanonicalQuery(rawQuery: string): string {
  if (!rawQuery) return "";
  const byKey = new Map<string, string[]>();
  for (const part of rawQuery.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : safeDecode(part.slice(eq + 1));
    if (key.toLowerCase() === "x-amz-signature") continue;
    const encodedKey = escapeUri(key);
    const list = byKey.get(encodedKey);
    const pair = `${encodedKey}=${escapeUri(value)}`;
    if (list) list.push(pair);
    else byKey.set(encodedKey, [pair]);
  }
  return [...byKey.keys()]
    .sort()
    .map((key) => byKey.get(key)!.sort().join("&"))
    .join("&");
}

export function hashSha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export interface TSignatureInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  authorization: TAuthorization;
  secretAccessKey: string;
  /** false for S3 (single-encoded path) */
  uriEscapePath: boolean;
}

const signingKeyCache = new Map<string, Buffer>();

function deriveSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  const cacheKey = `${secret}\n${date}\n${region}\n${service}`;
  let key = signingKeyCache.get(cacheKey);
  if (!key) {
    const kDate = createHmac("sha256", `AWS4${secret}`).update(date).digest();
    const kRegion = createHmac("sha256", kDate).update(region).digest();
    const kService = createHmac("sha256", kRegion).update(service).digest();
    key = createHmac("sha256", kService).update("aws4_request").digest();
    if (signingKeyCache.size > 10_000) signingKeyCache.clear();
    signingKeyCache.set(cacheKey, key);
  }
  return key;
}

function headerValue(headers: TSignatureInput["headers"], name: string): string {
  const value = headers[name];
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined.trim().replace(/\s+/g, " ");
}

/** The hex signature the request should carry if signed with `secretAccessKey`. */
export function computeSignature(input: TSignatureInput): string {
  const { authorization: auth, headers } = input;
  const canonicalHeaders = auth.signedHeaders.map((name) => `${name}:${headerValue(headers, name)}\n`).join("");
  const contentSha = headers["x-amz-content-sha256"];
  const payloadHash = typeof contentSha === "string" ? contentSha : hashSha256Hex(input.body);
  const canonicalRequest = [
    input.method,
    buildCanonicalPath(input.rawPath, input.uriEscapePath),
    buildCanonicalQuery(input.rawQuery),
    canonicalHeaders,
    auth.signedHeaders.join(";"),
    payloadHash,
  ].join("\n");
  const amzDate = headerValue(headers, "x-amz-date");
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${auth.scope}\n${hashSha256Hex(canonicalRequest)}`;
  const key = deriveSigningKey(input.secretAccessKey, auth.date, auth.region, auth.service);
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

/** Constant-time comparison of the expected and the presented signature. */
export function verifySignature(input: TSignatureInput): boolean {
  const expected = Buffer.from(computeSignature(input), "hex");
  const presented = Buffer.from(input.authorization.signature, "hex");
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
