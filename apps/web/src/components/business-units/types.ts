import type { TBusinessUnitView, TMappingKind, TSlaDays } from "@guardrail/core";

export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;

export const MAPPING_KIND_LABELS: Record<TMappingKind, string> = {
  RESOURCE_TAG: "Resource tag",
  ACCOUNT_TAG: "Account tag",
  ACCOUNT: "AWS account",
  OU: "Organizational unit",
};

/** A business unit as the page hands it to the browser (dates as ISO strings). */
export type TBusinessUnitRow = Omit<TBusinessUnitView, "createdAt"> & { createdAt: string };

export interface TMember {
  userId: string;
  name: string;
  email: string;
  role: string;
}

export interface TAccountOption {
  accountId: string;
  name: string;
}

export interface TOuOption {
  ouId: string;
  name: string;
  isRoot: boolean;
}

/** A mapping rule being edited: every field present, the kind decides which ones count. */
export interface TDraftMapping {
  key: string;
  kind: TMappingKind;
  tagKey: string;
  tagValue: string;
  accountId: string;
  ouId: string;
}

export type { TSlaDays };

export function describeMapping(m: {
  kind: TMappingKind;
  tagKey?: string | null;
  tagValue?: string | null;
  accountId?: string | null;
  ouId?: string | null;
}): string {
  switch (m.kind) {
    case "RESOURCE_TAG":
      return `resource tag ${m.tagKey}${m.tagValue ? `=${m.tagValue}` : " (any value)"}`;
    case "ACCOUNT_TAG":
      return `account tag ${m.tagKey}${m.tagValue ? `=${m.tagValue}` : " (any value)"}`;
    case "ACCOUNT":
      return `account ${m.accountId}`;
    case "OU":
      return `OU ${m.ouId}`;
  }
}
