import type { TFramework } from "../rule";
import { AWS_FSBP } from "./aws-fsbp";
import { CIS_AWS_3_0_0 } from "./cis-aws-3.0.0";
import type { TFrameworkControlList } from "./framework-controls";
import { NIST_800_53_R5 } from "./nist-800-53-r5";
import { PCI_DSS_4_0 } from "./pci-dss-4.0";

export type { TFrameworkControlList } from "./framework-controls";
export { AWS_FSBP, CIS_AWS_3_0_0, NIST_800_53_R5, PCI_DSS_4_0 };

export const FRAMEWORK_CONTROLS: Readonly<Record<TFramework, TFrameworkControlList>> = {
  "CIS-AWS-3.0.0": CIS_AWS_3_0_0,
  "AWS-FSBP": AWS_FSBP,
  "NIST-800-53-r5": NIST_800_53_R5,
  "PCI-DSS-4.0": PCI_DSS_4_0,
};

/** The title of a framework control, or null when the id is not in the checked-in list. */
export function getFrameworkControlTitle(framework: TFramework, controlId: string): string | null {
  return FRAMEWORK_CONTROLS[framework]?.controls[controlId] ?? null;
}
