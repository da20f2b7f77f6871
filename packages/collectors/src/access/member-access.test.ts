import { describe, expect, it } from "vitest";
import {
  AssumeRoleError,
  type TAssumeRoleInput,
  type TCredentialBroker,
} from "../core/credential-broker";
import { classifyAssumeRoleFailure, testMemberAccess } from "./member-access";

const ROLE = "arn:aws:iam::333333333333:role/PostureScanner";
const TRUST_DENIED =
  "User: arn:aws:iam::999999999999:user/posture-scanner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::333333333333:role/PostureScanner";

function denied(message: string, code = "AccessDenied") {
  const cause = Object.assign(new Error(message), {
    name: code,
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
  });
  return new AssumeRoleError(ROLE, code, message, { cause });
}

function fakeBroker(
  answer: (input: TAssumeRoleInput) => Error | null,
): TCredentialBroker & { calls: TAssumeRoleInput[] } {
  const calls: TAssumeRoleInput[] = [];
  return {
    calls,
    externalId: "ext-1",
    credentialsFor: () => Promise.reject(new Error("unused")),
    providerFor: () => () => Promise.reject(new Error("unused")),
    assumeRole: async (input) => {
      calls.push(input);
      const err = answer(input);
      if (err) throw err;
      return { accessKeyId: "ASIA", secretAccessKey: "secret" };
    },
    invalidate: () => undefined,
    stats: () => ({ assumeRoleCalls: calls.length, cacheHits: 0 }),
  };
}

const account = { accountId: "333333333333", status: "ACTIVE" };

describe("classifyAssumeRoleFailure", () => {
  it("tells SCP/RCP denies from trust denies by AWS's wording", () => {
    expect(
      classifyAssumeRoleFailure(
        denied(`${TRUST_DENIED} with an explicit deny in a service control policy`),
      ).state,
    ).toBe("SCP_DENIED");
    expect(
      classifyAssumeRoleFailure(
        denied(`${TRUST_DENIED} with an explicit deny in a resource control policy`),
      ).state,
    ).toBe("SCP_DENIED");
    expect(classifyAssumeRoleFailure(denied(TRUST_DENIED)).state).toBe(
      "ROLE_MISSING_OR_TRUST_DENIED",
    );
    expect(
      classifyAssumeRoleFailure(
        denied("The security token included in the request is invalid.", "InvalidClientTokenId"),
      ).state,
    ).toBe("ERROR");
    expect(
      classifyAssumeRoleFailure(
        Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      ).state,
    ).toBe("ERROR");
  });
});

describe("testMemberAccess", () => {
  it("is CONNECTED when the role needs the external ID", async () => {
    const broker = fakeBroker((input) => (input.externalId === null ? denied(TRUST_DENIED) : null));
    const result = await testMemberAccess({ broker, roleArn: ROLE, account });
    expect(result).toMatchObject({ accountId: "333333333333", state: "CONNECTED" });
    expect(broker.calls).toEqual([{ roleArn: ROLE }, { roleArn: ROLE, externalId: null }]);
  });

  it("flags a trust policy that does not enforce the external ID", async () => {
    const result = await testMemberAccess({
      broker: fakeBroker(() => null),
      roleArn: ROLE,
      account,
    });
    expect(result.state).toBe("EXTERNAL_ID_NOT_ENFORCED");
    expect(result.message).toMatch(/sts:ExternalId/);
  });

  it("reports a missing role or denied trust with AWS's message", async () => {
    const result = await testMemberAccess({
      broker: fakeBroker(() => denied(TRUST_DENIED)),
      roleArn: ROLE,
      account,
    });
    expect(result.state).toBe("ROLE_MISSING_OR_TRUST_DENIED");
    expect(result.message).toContain("external ID does not match");
    expect(result.message).toContain(TRUST_DENIED);
  });

  it("reports SCP denies and suspended accounts without probing", async () => {
    const scp = await testMemberAccess({
      broker: fakeBroker(() =>
        denied(`${TRUST_DENIED} with an explicit deny in a service control policy`),
      ),
      roleArn: ROLE,
      account,
    });
    expect(scp.state).toBe("SCP_DENIED");
    const broker = fakeBroker(() => null);
    const suspended = await testMemberAccess({
      broker,
      roleArn: ROLE,
      account: { accountId: "333333333333", status: "SUSPENDED" },
    });
    expect(suspended.state).toBe("SUSPENDED");
    expect(broker.calls).toEqual([]);
  });
});
