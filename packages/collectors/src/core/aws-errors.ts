/** Classifies AWS SDK v3 errors (and network errors) into the kinds the collectors act on. */

export type TAwsErrorKind = "ACCESS_DENIED" | "THROTTLING" | "NOT_FOUND" | "TRANSIENT" | "OTHER";

export interface TAwsErrorInfo {
  code: string;
  message: string;
  kind: TAwsErrorKind;
}

const ACCESS_DENIED_CODES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "UnauthorizedException",
  "AuthorizationError",
  "AuthorizationErrorException",
  "OptInRequired",
  "AuthFailure",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidAccessKeyId",
  "AWSOrganizationsNotInUseException",
  "SubscriptionRequiredException",
]);

const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "SlowDown",
  "ProvisionedThroughputExceededException",
  "BandwidthLimitExceeded",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
  "LimitExceededException",
]);

const TRANSIENT_CODES = new Set([
  "InternalError",
  "InternalFailure",
  "InternalServerError",
  "InternalServerErrorException",
  "InternalServiceError",
  "InternalServiceErrorException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ServiceFailure",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
  "RequestExpired",
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
]);

const NOT_FOUND_PATTERN = /^NoSuch|NotFound|^ResourceNotFound|^NoSuchEntity/;

function readString(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** The AWS error code of an SDK error: `Code`/`name` of a service exception, `code` of a Node error. */
function readCode(err: Record<string, unknown>): string {
  const code =
    readString(err.Code) ??
    readString((err.Error as Record<string, unknown> | undefined)?.Code) ??
    (err.$metadata !== undefined || err.$fault !== undefined ? readString(err.name) : undefined) ??
    readString(err.code) ??
    readString(err.name);
  return code ?? "Unknown";
}

function readStatus(err: Record<string, unknown>): number | undefined {
  const metadata = err.$metadata as { httpStatusCode?: unknown } | undefined;
  const status =
    metadata?.httpStatusCode ?? (err.$response as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === "number" ? status : undefined;
}

/** Classifies an error thrown by an AWS SDK call. Never throws. */
export function classifyAwsError(err: unknown): TAwsErrorInfo {
  if (err === null || typeof err !== "object") {
    return { code: "Unknown", message: String(err), kind: "OTHER" };
  }
  const record = err as Record<string, unknown>;
  const code = readCode(record);
  const rawMessage = readString(record.message) ?? readString(record.Message) ?? code;
  const message =
    rawMessage === "UnknownError" ? `${code} (HTTP ${readStatus(record) ?? "?"})` : rawMessage;
  const status = readStatus(record);

  if (code === "AbortError") return { code, message, kind: "OTHER" };
  if (ACCESS_DENIED_CODES.has(code)) return { code, message, kind: "ACCESS_DENIED" };
  if (THROTTLING_CODES.has(code) || status === 429) return { code, message, kind: "THROTTLING" };
  if (NOT_FOUND_PATTERN.test(code)) return { code, message, kind: "NOT_FOUND" };
  if (TRANSIENT_CODES.has(code)) return { code, message, kind: "TRANSIENT" };
  if (status === 403) return { code, message, kind: "ACCESS_DENIED" };
  if (status === 404) return { code, message, kind: "NOT_FOUND" };
  if (status !== undefined && status >= 500) return { code, message, kind: "TRANSIENT" };
  if (record.$retryable !== undefined && record.$retryable !== null) {
    const retryable = record.$retryable as { throttling?: boolean };
    return { code, message, kind: retryable.throttling ? "THROTTLING" : "TRANSIENT" };
  }
  return { code, message, kind: "OTHER" };
}

/** True for the error an aborted `send` or an aborted wait throws. */
export function isAbortError(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    ((err as { name?: unknown }).name === "AbortError" ||
      (err as { code?: unknown }).code === "ABORT_ERR")
  );
}
