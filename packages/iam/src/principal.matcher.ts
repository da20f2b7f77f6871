import type { TPrincipalBlock, TPrincipalRef } from "./policy.types";

// Principals of resource-based policies: listing them (trust/exposure analysis) and deciding
// whether a caller is named by a Principal / NotPrincipal element.

const ACCOUNT_ID = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:[^:]+:(?:iam|sts):[^:]*:(\d{12}):/;

/** Account id named by an AWS principal value ("123456789012", any IAM/STS ARN), else null. */
export function accountIdOfPrincipal(value: string): string | null {
  if (ACCOUNT_ID.test(value)) return value;
  const match = ARN_ACCOUNT.exec(value);
  return match?.[1] ?? null;
}

/** Account id of any ARN (fifth segment), or null when absent. */
export function accountIdOfArn(arn: string): string | null {
  if (!arn.startsWith("arn:")) return null;
  const parts = arn.split(":");
  const account = parts[4];
  return account && ACCOUNT_ID.test(account) ? account : null;
}

export function listPrincipalRefs(block: TPrincipalBlock | "*" | undefined): TPrincipalRef[] {
  if (block === undefined) return [];
  if (block === "*") return [{ kind: "Anyone", value: "*", accountId: null }];
  const refs: TPrincipalRef[] = [];
  for (const value of block.AWS ?? []) {
    if (value === "*") refs.push({ kind: "Anyone", value: "*", accountId: null });
    else refs.push({ kind: "AWS", value, accountId: accountIdOfPrincipal(value) });
  }
  for (const value of block.Service ?? []) refs.push({ kind: "Service", value, accountId: null });
  for (const value of block.Federated ?? [])
    refs.push({ kind: "Federated", value, accountId: null });
  for (const value of block.CanonicalUser ?? []) {
    refs.push({ kind: "CanonicalUser", value, accountId: null });
  }
  return refs;
}

/** The caller of a request, as a resource policy sees it. */
export interface TCaller {
  kind: "AWS" | "Service" | "Federated" | "CanonicalUser";
  /** IAM user/role ARN, account root ARN, service principal ("ec2.amazonaws.com"), provider ARN */
  arn: string;
  accountId: string | null;
  /** `arn:aws:sts::111122223333:assumed-role/Name/session` when the caller is a role session */
  sessionArn?: string;
}

/**
 * How a Principal block names the caller: "direct" (the caller itself or anyone), "account"
 * (the caller's account, which delegates the decision to the account's IAM policies) or null.
 */
export function matchPrincipal(
  block: TPrincipalBlock | "*",
  caller: TCaller,
): "direct" | "account" | null {
  if (block === "*") return "direct";
  let best: "direct" | "account" | null = null;
  if (caller.kind === "AWS") {
    for (const value of block.AWS ?? []) {
      if (value === "*") return "direct";
      if (
        value === caller.arn ||
        (caller.sessionArn !== undefined && value === caller.sessionArn)
      ) {
        return "direct";
      }
      if (caller.accountId !== null && isAccountPrincipal(value, caller.accountId)) {
        if (caller.arn === `arn:aws:iam::${caller.accountId}:root`) return "direct";
        best = "account";
      }
    }
    return best;
  }
  const values = block[caller.kind] ?? [];
  if (values.includes(caller.arn) || values.includes("*")) return "direct";
  if ((block.AWS ?? []).includes("*")) return "direct";
  return null;
}

function isAccountPrincipal(value: string, accountId: string): boolean {
  if (value === accountId) return true;
  return /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1] === accountId;
}
