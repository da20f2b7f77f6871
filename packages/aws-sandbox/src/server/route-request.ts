/**
 * Finds the operation and its input in a signed request: `Action` (query protocols),
 * `X-Amz-Target` (awsJson), the operation's HTTP binding (restJson, Route 53), S3's
 * path-style bucket + sub-resource, S3 Control's `/v20180820/…` paths.
 */
import type { TShapeTable, TStructShape } from "../protocols/shapes";
import { SERVICE_PROTOCOLS } from "./protocol-table";

export interface TRoutedRequest {
  operation: string | undefined;
  /** what the caller asked for, when it is not a served operation (for logs and stats) */
  requested: string;
  input: Record<string, unknown>;
}

interface TRestRoute {
  operation: string;
  method: string;
  pattern: RegExp;
  labels: string[];
  query: Array<{ member: string; param: string; numeric: boolean }>;
}

const S3_SUBRESOURCES: Record<string, string> = {
  location: "GetBucketLocation",
  policy: "GetBucketPolicy",
  policyStatus: "GetBucketPolicyStatus",
  acl: "GetBucketAcl",
  publicAccessBlock: "GetPublicAccessBlock",
  encryption: "GetBucketEncryption",
  versioning: "GetBucketVersioning",
  logging: "GetBucketLogging",
  lifecycle: "GetBucketLifecycleConfiguration",
  tagging: "GetBucketTagging",
};

function decodeQuery(rawQuery: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(rawQuery)) if (!out.has(key)) out.set(key, value);
  return out;
}

export class RequestRouter {
  private readonly restRoutes = new Map<string, TRestRoute[]>();

  constructor(private readonly table: TShapeTable) {
    for (const [service, shapes] of Object.entries(table.services)) {
      const protocol = SERVICE_PROTOCOLS[service]?.protocol;
      if (protocol !== "restJson" && service !== "route53") continue;
      const routes: TRestRoute[] = [];
      for (const [operation, op] of Object.entries(shapes.operations)) {
        if (!op.http) continue;
        const [method, uri] = op.http;
        const path = uri.split("?")[0]!;
        const labels: string[] = [];
        const pattern = new RegExp(
          `^${path
            .split(/(\{[^}]+\})/)
            .map((part) => {
              const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
              if (!label) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
              labels.push(label[1]!);
              return label[2] ? "(.+)" : "([^/]+)";
            })
            .join("")}/?$`,
        );
        const input = table.shapes[op.input] as TStructShape | undefined;
        const query = (input?.m ?? [])
          .filter((member) => member.q)
          .map((member) => ({ member: member.n, param: member.q!, numeric: member.s === "number" }));
        routes.push({ operation, method, pattern, labels, query });
      }
      this.restRoutes.set(service, routes);
    }
  }

  route(service: string, method: string, rawPath: string, rawQuery: string, headers: Record<string, string | string[] | undefined>, body: Buffer): TRoutedRequest {
    const protocol = SERVICE_PROTOCOLS[service]!.protocol;
    const served = this.table.services[service]?.operations ?? {};
    if (protocol === "query" || protocol === "ec2") {
      const form: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(rawQuery)) form[key] = value;
      for (const [key, value] of new URLSearchParams(body.toString("utf8"))) form[key] = value;
      const action = typeof form.Action === "string" ? form.Action : "";
      return { operation: served[action] ? action : undefined, requested: action || "(no Action)", input: form };
    }
    if (protocol === "json") {
      const target = String(headers["x-amz-target"] ?? "");
      const action = target.slice(target.lastIndexOf(".") + 1);
      let input: Record<string, unknown> = {};
      if (body.length > 0) {
        try {
          input = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
        } catch {
          input = {};
        }
      }
      return { operation: served[action] ? action : undefined, requested: action || "(no X-Amz-Target)", input };
    }
    if (service === "s3") return this.routeS3(method, rawPath, rawQuery);
    if (service === "s3control") {
      const path = rawPath.replace(/\/+$/, "");
      const accountId = String(headers["x-amz-account-id"] ?? "");
      if (method === "GET" && path === "/v20180820/configuration/publicAccessBlock") {
        return { operation: "GetPublicAccessBlock", requested: "GetPublicAccessBlock", input: { AccountId: accountId } };
      }
      return { operation: undefined, requested: `${method} ${path}`, input: {} };
    }
    const query = decodeQuery(rawQuery);
    for (const route of this.restRoutes.get(service) ?? []) {
      if (route.method !== method) continue;
      const match = route.pattern.exec(rawPath);
      if (!match) continue;
      const input: Record<string, unknown> = {};
      route.labels.forEach((label, i) => {
        input[label] = decodeURIComponent(match[i + 1]!);
      });
      for (const q of route.query) {
        const value = query.get(q.param);
        if (value !== undefined) input[q.member] = q.numeric ? Number(value) : value;
      }
      return { operation: route.operation, requested: route.operation, input };
    }
    return { operation: undefined, requested: `${method} ${rawPath}`, input: {} };
  }

  private routeS3(method: string, rawPath: string, rawQuery: string): TRoutedRequest {
    const query = decodeQuery(rawQuery);
    const segments = rawPath.split("/").filter(Boolean);
    if (method === "GET" && segments.length === 0) {
      const input: Record<string, unknown> = {};
      if (query.has("continuation-token")) input.ContinuationToken = query.get("continuation-token");
      if (query.has("max-buckets")) input.MaxBuckets = Number(query.get("max-buckets"));
      if (query.has("prefix")) input.Prefix = query.get("prefix");
      return { operation: "ListBuckets", requested: "ListBuckets", input };
    }
    const bucket = decodeURIComponent(segments[0] ?? "");
    if (method === "GET" && segments.length === 1) {
      for (const key of query.keys()) {
        const operation = S3_SUBRESOURCES[key];
        if (operation) return { operation, requested: operation, input: { Bucket: bucket } };
      }
    }
    const sub = [...query.keys()].filter((key) => key !== "x-id").join("&");
    return { operation: undefined, requested: `${method} /{Bucket}${segments.length > 1 ? "/{Key}" : ""}${sub ? `?${sub}` : ""}`, input: {} };
  }
}
