/**
 * Rendered answers of read operations, by (service, operation, account, region, input).
 * A world does not change once loaded, so the same request always gets the same answer but
 * for its request id: the answer is rendered once with a placeholder id and each hit splices
 * the new id in (no handler, no world lookup, no XML/JSON serialization, no byte count).
 * Operations whose answer depends on more than the key (STS sessions and caller identity,
 * the credential report's generation state, the caller's own MFA devices) are never cached.
 */
import type { TAnswer } from "./render-answer";

/** Same length as a randomUUID(), so a hit's byte length is known without re-encoding. */
export const PLACEHOLDER_REQUEST_ID = "0a1b2c3d-0000-4000-8000-5a4d80c0ffee";

const UNCACHED: Record<string, true | Set<string>> = {
  sts: true,
  iam: new Set(["GenerateCredentialReport", "GetCredentialReport", "ListMFADevices"]),
};

interface TTemplate {
  status: number;
  headers: Record<string, string>;
  /** header names whose value is the request id */
  idHeaders: string[];
  /** the body split at the placeholder */
  bodyParts: string[];
  contentLength: number;
  bytes: number;
}

export interface TAnswerCacheOptions {
  /** total UTF-16 size of the cached bodies before the oldest entries are dropped (default 64 MiB) */
  maxBytes?: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, TTemplate>();
  private readonly maxBytes: number;
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(options: TAnswerCacheOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** The cache key of a request, or undefined when the operation must always run. */
  keyOf(
    service: string,
    operation: string,
    accountId: string,
    region: string,
    input: Record<string, unknown>,
  ): string | undefined {
    const rule = UNCACHED[service];
    if (rule === true || rule?.has(operation)) return undefined;
    return `${service}\n${operation}\n${accountId}\n${region}\n${JSON.stringify(input)}`;
  }

  /** The cached answer for `key` with `requestId` spliced in; undefined on a miss. */
  take(key: string, requestId: string): TAnswer | undefined {
    const template = this.entries.get(key);
    if (!template) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return this.instantiate(template, requestId);
  }

  /** Stores an answer rendered with PLACEHOLDER_REQUEST_ID and returns it for `requestId`. */
  store(key: string, rendered: TAnswer, requestId: string): TAnswer {
    const bodyParts = rendered.body.split(PLACEHOLDER_REQUEST_ID);
    const template: TTemplate = {
      status: rendered.status,
      headers: rendered.headers,
      idHeaders: Object.keys(rendered.headers).filter(
        (name) => rendered.headers[name] === PLACEHOLDER_REQUEST_ID,
      ),
      bodyParts,
      contentLength: Buffer.byteLength(rendered.body),
      bytes: rendered.body.length + key.length,
    };
    if (template.bytes <= this.maxBytes / 4) {
      this.entries.set(key, template);
      this.bytes += template.bytes;
      for (const [oldKey, old] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.entries.delete(oldKey);
        this.bytes -= old.bytes;
      }
    }
    return this.instantiate(template, requestId);
  }

  get size(): number {
    return this.entries.size;
  }

  private instantiate(template: TTemplate, requestId: string): TAnswer {
    const headers: Record<string, string> = {
      ...template.headers,
      "content-length": String(template.contentLength),
    };
    for (const name of template.idHeaders) headers[name] = requestId;
    const body =
      template.bodyParts.length === 1 ? template.bodyParts[0]! : template.bodyParts.join(requestId);
    return { status: template.status, headers, body };
  }
}
