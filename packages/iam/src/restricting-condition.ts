import type { TPolicyStatement } from "./policy.types";

// Whether a statement's Condition limits who can use it to a known set of principals, networks
// or sources — the test AWS applies (IAM Access Analyzer, S3 "public" status) when it decides
// whether a grant to `*` is public.

const RESTRICTING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalServiceName",
    "aws:SourceIp",
    "aws:userid",
    "aws:username",
    "kms:CallerAccount",
    "s3:DataAccessPointAccount",
    "s3:DataAccessPointArn",
    "lambda:EventSourceToken",
  ].map((k) => k.toLowerCase()),
);

/** Keys that tie a grant to an organization or to accounts. */
export const ORGANIZATION_OR_ACCOUNT_KEYS = new Set(
  [
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:ResourceOrgID",
    "aws:ResourceAccount",
    "kms:CallerAccount",
  ].map((k) => k.toLowerCase()),
);

const POSITIVE_OPERATORS = new Set([
  "StringEquals",
  "StringEqualsIgnoreCase",
  "StringLike",
  "ArnEquals",
  "ArnLike",
  "IpAddress",
]);

const OPEN_NETWORKS = new Set(["0.0.0.0/0", "::/0", "0.0.0.0", "::"]);

function baseOperator(operator: string): { base: string; ifExists: boolean } {
  let base = operator.replace(/^(ForAnyValue|ForAllValues):/, "");
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -"IfExists".length);
  return { base, ifExists };
}

function isRestrictingValue(key: string, base: string, value: string): boolean {
  if (value === "" || /^[*?]+$/.test(value)) return false;
  if (key === "aws:sourceip") return base === "IpAddress" && !OPEN_NETWORKS.has(value);
  if (key === "aws:principalarn" || key === "aws:sourcearn" || key === "s3:dataaccesspointarn") {
    const account = value.split(":")[4];
    return account !== undefined && account !== "" && !/[*?]/.test(account);
  }
  if (key === "aws:principalorgpaths" || key === "aws:sourceorgpaths") {
    return /^o-[a-z0-9]+/.test(value);
  }
  return !/^[*?]/.test(value);
}

/** Condition keys of a statement that restrict it (lower-cased). Empty when it does not. */
export function listRestrictingKeys(statement: TPolicyStatement): string[] {
  const found: string[] = [];
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const { base, ifExists } = baseOperator(operator);
    if (ifExists || !POSITIVE_OPERATORS.has(base)) continue;
    for (const [rawKey, values] of Object.entries(keys)) {
      const key = rawKey.toLowerCase();
      if (!RESTRICTING_KEYS.has(key)) continue;
      if (values.length > 0 && values.every((v) => isRestrictingValue(key, base, v))) {
        found.push(rawKey);
      }
    }
  }
  return found;
}

export function isRestrictedStatement(statement: TPolicyStatement): boolean {
  return listRestrictingKeys(statement).length > 0;
}

/** All condition keys a statement uses, as written. */
export function listConditionKeys(statement: TPolicyStatement): string[] {
  const keys = new Set<string>();
  for (const block of Object.values(statement.Condition ?? {})) {
    for (const key of Object.keys(block)) keys.add(key);
  }
  return [...keys];
}
