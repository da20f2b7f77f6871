/** The built-in demo organization "Acme Corp" (deterministic for a seed). */
import { createAccountBuilder } from "./account-builder";
import { DEFAULT_MANAGEMENT_ROLE_NAME, DEFAULT_MEMBER_ROLE_NAME } from "./common-roles";
import {
  addDemoWorkloads,
  applyDemoBaseline,
  finishDemoAccount,
  type TDemoAccountHandles,
  type TDemoContext,
} from "./demo-baseline";
import {
  buildDemoOrganization,
  DEMO_ACCOUNTS,
  DEMO_MANAGEMENT_ACCOUNT_ID,
  DEMO_ORG_ID,
  type TDemoAccountKey,
} from "./demo-organization";
import { addDemoScenarios } from "./demo-scenarios";
import { createRng } from "./prng";
import { createPublicIpPool } from "./public-ip-pool";
import { assertVendor, DEMO_VENDOR, type TVendorOptions } from "./vendor";
import type { TWorld } from "../world/world.types";
import type { TGeneratedWorld } from "./world-types";

export const DEFAULT_DEMO_SEED = 20241;

export interface TDemoWorldOptions {
  seed?: number;
  externalId: string;
  vendor?: TVendorOptions;
  /** Default "GuardrailScanner". */
  memberRoleName?: string;
  /** Default "GuardrailOrgReader". */
  managementRoleName?: string;
}

export function generateDemoWorld(options: TDemoWorldOptions): TWorld {
  if (!options.externalId)
    throw new Error("generateDemoWorld: externalId must be a non-empty string");
  const rng = createRng(options.seed ?? DEFAULT_DEMO_SEED);
  const vendor = { ...(options.vendor ?? DEMO_VENDOR) };
  assertVendor(
    vendor,
    DEMO_ACCOUNTS.map((a) => a.id),
  );
  const ctx: TDemoContext = {
    ipPool: createPublicIpPool(rng),
    scanner: {
      vendorAccountId: vendor.accountId,
      externalId: options.externalId,
      memberRoleName: options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
      managementRoleName: options.managementRoleName ?? DEFAULT_MANAGEMENT_ROLE_NAME,
    },
    ssoProviderName: `AWSSSO_${rng.hex(16)}_DO_NOT_DELETE`,
  };

  const handles = {} as Record<TDemoAccountKey, TDemoAccountHandles>;
  for (const spec of DEMO_ACCOUNTS) {
    const builder = createAccountBuilder({
      accountId: spec.id,
      name: spec.name,
      email: `aws+${spec.name.replace(/^acme-/, "")}@acme.example`,
      organizationId: DEMO_ORG_ID,
      managementAccountId: DEMO_MANAGEMENT_ACCOUNT_ID,
      parentId: spec.parentId,
      status: spec.status,
      joinedDaysAgo: spec.id === DEMO_MANAGEMENT_ACCOUNT_ID ? 2000 : rng.int(300, 1800),
      joinedMethod: spec.key === "legacyMarketing" ? "INVITED" : "CREATED",
      tags: spec.tags,
      homeRegion: spec.regions[0] ?? "us-east-1",
      rng,
    });
    handles[spec.key] = { spec, builder, vpcs: {} };
  }
  for (const spec of DEMO_ACCOUNTS) applyDemoBaseline(handles[spec.key], ctx);
  for (const spec of DEMO_ACCOUNTS) addDemoWorkloads(handles[spec.key], ctx);
  addDemoScenarios(handles, ctx);

  const accounts = DEMO_ACCOUNTS.map((spec) => {
    const account = handles[spec.key].builder.build();
    finishDemoAccount(account, spec);
    return account;
  });
  const world: TGeneratedWorld = {
    version: 1,
    vendor,
    organization: buildDemoOrganization(),
    accounts,
  };
  return world;
}
