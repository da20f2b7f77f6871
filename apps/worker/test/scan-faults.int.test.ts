import { countLiveResourcesByType, listCoverageGaps } from "@guardrail/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countWorldResources,
  createHarness,
  readDemoWorld,
  type THarness,
  type TWorld,
} from "./scan-harness";

const MISSING_ROLE = "222222222222";
const DENIED = "333333333333";

/** demo-small with one member role deleted, ec2 denied in one region, tight throttling and 5 % internal errors. */
function buildFaultyWorld(): TWorld {
  const world = readDemoWorld();
  const broken = world.accounts.find((a) => a.Id === MISSING_ROLE)!;
  broken.iam.AuthorizationDetails.RoleDetailList =
    broken.iam.AuthorizationDetails.RoleDetailList!.filter(
      (r) => (r as { RoleName: string }).RoleName !== "PostureScanner",
    );
  world.behaviour = {
    latencyMs: 2,
    throttle: {
      ec2: { burst: 4, refillPerSecond: 8 },
      iam: { burst: 2, refillPerSecond: 4 },
      s3: { burst: 5, refillPerSecond: 10 },
    },
    faults: [
      {
        account: DENIED,
        region: "us-east-1",
        service: "ec2",
        operation: "DescribeInstances",
        error: "UnauthorizedOperation",
        probability: 1,
      },
      { service: "s3", error: "InternalError", probability: 0.05 },
      { service: "iam", error: "InternalError", probability: 0.05 },
      { service: "ec2", error: "InternalError", probability: 0.05 },
      { service: "lambda", error: "ServiceUnavailable", probability: 0.05 },
      { service: "kms", error: "InternalError", probability: 0.05 },
      { service: "sqs", error: "InternalError", probability: 0.05 },
    ],
  };
  return world;
}

let faulty: THarness;
let wrongExternalId: THarness;
beforeAll(async () => {
  faulty = await createHarness({ world: buildFaultyWorld() });
  wrongExternalId = await createHarness({
    externalId: "gr-this-is-not-the-external-id-of-the-world",
  });
}, 60_000);
afterAll(async () => {
  await faulty?.close();
  await wrongExternalId?.close();
}, 60_000);

describe("a scan through faults", () => {
  it("completes PARTIAL, reports each fault exactly, and loses nothing else", async () => {
    faulty.startInProcessWorker();
    const scanId = await faulty.requestScan();
    const scan = await faulty.waitForScan(scanId, 150_000);
    expect(scan.status).toBe("PARTIAL");
    expect(scan.tasksDone).toBe(scan.tasksTotal);
    expect(scan.tasksFailed).toBe(1);

    const accounts = await faulty.t.db.awsAccount.findMany({
      where: { tenantId: faulty.tenantId },
      orderBy: { accountId: "asc" },
    });
    expect(accounts.map((a) => [a.accountId, a.access])).toEqual([
      ["111111111111", "CONNECTED"],
      [MISSING_ROLE, "ROLE_MISSING_OR_TRUST_DENIED"],
      [DENIED, "CONNECTED"],
    ]);
    const scope = { tenantId: faulty.tenantId, userId: faulty.tenantId, role: "ADMIN" as const };
    const gaps = await listCoverageGaps({ db: faulty.t.db, scope, scanId });
    expect(gaps.map((g) => [g.kind, g.accountId, g.code])).toEqual([
      ["ACCOUNT_ACCESS", MISSING_ROLE, "ROLE_MISSING_OR_TRUST_DENIED"],
      ["COLLECTION_FAILED", DENIED, "UnauthorizedOperation"],
    ]);
    expect(gaps[1]?.message).toBe(
      `ec2 in us-east-1 (account ${DENIED}) not collected: UnauthorizedOperation`,
    );
    expect(gaps[0]?.message).toMatch(/AccessDenied|not authorized/);

    // Everything else arrived despite throttling and internal errors.
    const reachable: TWorld = {
      ...faulty.world,
      accounts: faulty.world.accounts
        .filter((a) => a.Id !== MISSING_ROLE)
        .map((a) =>
          a.Id === DENIED
            ? {
                ...a,
                regions: Object.fromEntries(
                  Object.entries(a.regions ?? {}).map(([r, b]) => [
                    r,
                    { ...(b as object), ec2: {} },
                  ]),
                ),
              }
            : a,
        ),
    };
    const expected = countWorldResources(reachable);
    expected["AWS::Organizations::Account"] = faulty.world.accounts.length;
    const counts = await countLiveResourcesByType(faulty.t.db, faulty.tenantId);
    for (const [type, n] of Object.entries(expected))
      expect([type, counts[type]]).toEqual([type, n]);
    expect(faulty.sandbox.stats().throttled).toBeGreaterThan(0);
    expect(faulty.sandbox.stats().faults).toBeGreaterThan(0);
  }, 200_000);

  it("fails the scan with a clear error when the external ID does not match", async () => {
    wrongExternalId.startInProcessWorker();
    const scanId = await wrongExternalId.requestScan();
    const scan = await wrongExternalId.waitForScan(scanId, 60_000);
    expect(scan.status).toBe("FAILED");
    expect(scan.error).toMatch(
      /Organization discovery failed: .*AccessDenied|not authorized to perform: sts:AssumeRole/,
    );
    const connection = await wrongExternalId.t.db.awsConnection.findUniqueOrThrow({
      where: { id: wrongExternalId.connectionId },
    });
    expect(connection.status).toBe("ERROR");
    expect(
      await wrongExternalId.t.db.resource.count({ where: { tenantId: wrongExternalId.tenantId } }),
    ).toBe(0);
  }, 100_000);
});
