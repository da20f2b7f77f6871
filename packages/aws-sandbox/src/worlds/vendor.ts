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
