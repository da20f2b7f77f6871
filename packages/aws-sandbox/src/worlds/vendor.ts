/** The scanning product's own AWS identity in generated worlds. */
import type { TWorldVendor } from "./world-types";

/**
 * The demo vendor principal. Its keys are published sandbox-only credentials: they mean
 * nothing outside a Guardrail sandbox.
 */
export const DEMO_VENDOR = {
  accountId: "999999999999",
  userName: "guardrail-scanner",
  accessKeyId: "AKIAGUARDRAILDEMO001",
  secretAccessKey: "guardrailDemoSandboxSecretKey000000000001",
} as const satisfies TWorldVendor;

export type TVendorOptions = TWorldVendor;

/** Throws a clear error for a vendor identity a world cannot use. */
export function assertVendor(
  vendor: TWorldVendor,
  organizationAccountIds: readonly string[],
): void {
  if (!/^\d{12}$/.test(vendor.accountId)) {
    throw new Error(`vendor.accountId must be 12 digits, got "${vendor.accountId}"`);
  }
  if (organizationAccountIds.includes(vendor.accountId)) {
    throw new Error(
      `vendor.accountId ${vendor.accountId} is an account of the generated organization`,
    );
  }
  for (const key of ["userName", "accessKeyId", "secretAccessKey"] as const) {
    if (!vendor[key]) throw new Error(`vendor.${key} must be a non-empty string`);
  }
}
