export const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;

export const STATUS_LABEL: Record<string, string> = {
  OPEN: "Open",
  RESOLVED: "Resolved",
  SUPPRESSED: "Suppressed",
};
export const SLA_LABEL: Record<string, string> = {
  BREACHED: "Breached",
  DUE_SOON: "Due within 7 days",
  ON_TRACK: "Within SLA",
  NONE: "No SLA",
};
export const AGE_LABEL: Record<string, string> = {
  "0-7": "Under 7 days",
  "7-30": "7–30 days",
  "30-90": "30–90 days",
  "90+": "Over 90 days",
};
export const REASON_LABEL: Record<string, string> = {
  ACCEPTED_RISK: "Accepted risk",
  FALSE_POSITIVE: "False positive",
};

/** How the owner was found (Finding.ownerResolution.step), in words. */
export const OWNER_STEP_LABEL: Record<string, string> = {
  RESOURCE_TAG: "matched a business-unit rule on the resource's tag",
  ACCOUNT_TAG: "matched a business-unit rule on the account's tag",
  ACCOUNT: "matched a business-unit rule on the account",
  OU: "matched a business-unit rule on an organizational unit above the account",
  DEFAULT: "no rule matched: the default business unit",
  MANUAL: "assigned by hand",
};

export const EVENT_LABEL: Record<string, string> = {
  OPENED: "Opened",
  RESOLVED: "Resolved",
  REOPENED: "Reopened",
  SUPPRESSED: "Suppressed",
  UNSUPPRESSED: "Suppression ended",
  ASSIGNED: "Assigned",
  SEVERITY_CHANGED: "Severity changed",
  DUE_DATE_CHANGED: "Due date changed",
  COMMENTED: "Comment",
  SUPPRESSION_REQUESTED: "Suppression requested",
};
