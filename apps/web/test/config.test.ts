import { describe, expect, it } from "vitest";
import { parseWebEnv } from "../src/env";
import { safeCallbackPath } from "../src/server/safe-callback";

const SECRET = "x".repeat(32);

describe("web configuration", () => {
  it("defaults to the local services", () => {
    const env = parseWebEnv({ NEXTAUTH_SECRET: SECRET });
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/guardrail");
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
  });

  it("names every problem and how to fix it", () => {
    const problem = () => parseWebEnv({ NEXTAUTH_SECRET: "short", DATABASE_URL: "mysql://x" });
    expect(problem).toThrow(/DATABASE_URL: DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(problem).toThrow(/NEXTAUTH_SECRET: .*openssl rand -base64 32/);
    expect(() => parseWebEnv({})).toThrow(/NEXTAUTH_SECRET/);
  });

  it("accepts only an IAM principal ARN as Guardrail's vendor principal", () => {
    expect(parseWebEnv({ NEXTAUTH_SECRET: SECRET, GUARDRAIL_VENDOR_PRINCIPAL_ARN: "arn:aws:iam::999999999999:root" }).GUARDRAIL_VENDOR_PRINCIPAL_ARN).toBe(
      "arn:aws:iam::999999999999:root",
    );
    expect(() => parseWebEnv({ NEXTAUTH_SECRET: SECRET, GUARDRAIL_VENDOR_PRINCIPAL_ARN: "999999999999" })).toThrow(/IAM principal ARN/);
  });
});

describe("sign-in destination", () => {
  it("keeps same-site paths and refuses other origins", () => {
    expect(safeCallbackPath("/scans?status=OPEN")).toBe("/scans?status=OPEN");
    expect(safeCallbackPath("//evil.example/x")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath("https://evil.example")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
