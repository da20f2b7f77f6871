import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { classifyAwsError, isAbortError } from "./aws-errors";

function sdkError(name: string, status: number, message = `${name} message`) {
  return Object.assign(new Error(message), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: status },
  });
}

describe("classifyAwsError", () => {
  it.each([
    ["AccessDenied", 403, "ACCESS_DENIED"],
    ["AccessDeniedException", 400, "ACCESS_DENIED"],
    ["UnauthorizedOperation", 403, "ACCESS_DENIED"],
    ["OptInRequired", 403, "ACCESS_DENIED"],
    ["AuthorizationError", 403, "ACCESS_DENIED"],
    ["Throttling", 400, "THROTTLING"],
    ["ThrottlingException", 400, "THROTTLING"],
    ["RequestLimitExceeded", 503, "THROTTLING"],
    ["SlowDown", 503, "THROTTLING"],
    ["TooManyRequestsException", 429, "THROTTLING"],
    ["NoSuchBucketPolicy", 404, "NOT_FOUND"],
    ["NoSuchPublicAccessBlockConfiguration", 404, "NOT_FOUND"],
    ["NoSuchEntity", 404, "NOT_FOUND"],
    ["ResourceNotFoundException", 404, "NOT_FOUND"],
    ["InternalError", 500, "TRANSIENT"],
    ["ServiceUnavailable", 503, "TRANSIENT"],
    ["ValidationError", 400, "OTHER"],
  ])("classifies %s (HTTP %i) as %s", (code, status, kind) => {
    const info = classifyAwsError(sdkError(code, status));
    expect(info).toEqual({ code, message: `${code} message`, kind });
  });

  it("reads a real SDK service exception", () => {
    const err = new S3ServiceException({
      name: "AccessDenied",
      $fault: "client",
      $metadata: { httpStatusCode: 403 },
      message: "Access Denied",
    });
    expect(classifyAwsError(err)).toEqual({
      code: "AccessDenied",
      message: "Access Denied",
      kind: "ACCESS_DENIED",
    });
  });

  it("prefers Code over name (AssumeRoleError and query-protocol errors)", () => {
    const err = Object.assign(new Error("AssumeRole x failed"), {
      name: "AssumeRoleError",
      Code: "AccessDenied",
    });
    expect(classifyAwsError(err).kind).toBe("ACCESS_DENIED");
    expect(classifyAwsError(err).code).toBe("AccessDenied");
  });

  it("falls back on the HTTP status for unknown codes", () => {
    expect(classifyAwsError(sdkError("Weird", 403)).kind).toBe("ACCESS_DENIED");
    expect(classifyAwsError(sdkError("Weird", 404)).kind).toBe("NOT_FOUND");
    expect(classifyAwsError(sdkError("Weird", 502)).kind).toBe("TRANSIENT");
    expect(classifyAwsError(sdkError("Weird", 429)).kind).toBe("THROTTLING");
  });

  it("classifies network errors and odd values", () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    expect(classifyAwsError(reset)).toMatchObject({ code: "ECONNRESET", kind: "TRANSIENT" });
    expect(classifyAwsError(Object.assign(new Error("t"), { name: "TimeoutError" })).kind).toBe(
      "TRANSIENT",
    );
    expect(classifyAwsError("boom")).toEqual({ code: "Unknown", message: "boom", kind: "OTHER" });
    expect(classifyAwsError(null).kind).toBe("OTHER");
  });

  it("recognises abort errors", () => {
    const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(isAbortError(abort)).toBe(true);
    expect(classifyAwsError(abort).kind).toBe("OTHER");
    expect(isAbortError(new Error("x"))).toBe(false);
  });
});
