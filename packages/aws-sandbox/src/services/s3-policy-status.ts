/**
 * GetBucketPolicyStatus.IsPublic, derived as AWS derives it: a policy is public when an
 * Allow statement grants to `*` (or {"AWS": "*"}) without a condition that pins the caller
 * to fixed values of a restricting key (aws:SourceArn, aws:SourceAccount,
 * aws:PrincipalOrgID, aws:SourceVpc…). RestrictPublicBuckets or BlockPublicPolicy (bucket or
 * account level) make it not public.
 */
import { parsePolicyDocument } from "../auth/trust-policy";
import type { TWorldPublicAccessBlock } from "../world/world.types";

const RESTRICTING_KEYS = new Set(
  [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOwner",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:SourceIp",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
    "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths",
    "aws:PrincipalAccount",
    "aws:PrincipalArn",
    "aws:PrincipalServiceName",
    "aws:userid",
    "s3:DataAccessPointAccount",
    "s3:DataAccessPointArn",
  ].map((key) => key.toLowerCase()),
);
const OPEN_CIDRS = new Set(["0.0.0.0/0", "::/0"]);

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function grantsToEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return toList((principal as Record<string, unknown>).AWS).includes("*");
}

function isRestricted(condition: unknown): boolean {
  if (typeof condition !== "object" || condition === null) return false;
  for (const [operator, block] of Object.entries(condition as Record<string, Record<string, unknown>>)) {
    if (/^(StringNot|ArnNot|NotIp|Null)/.test(operator) || operator.endsWith("IfExists")) continue;
    for (const [key, values] of Object.entries(block ?? {})) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const list = toList(values).map(String);
      if (list.length === 0 || list.some((value) => value.includes("*") || OPEN_CIDRS.has(value))) continue;
      return true;
    }
  }
  return false;
}

export function isPolicyPublic(policy: string): boolean {
  const document = parsePolicyDocument(policy);
  return toList(document?.Statement).some((raw) => {
    const statement = raw as Record<string, unknown>;
    return statement.Effect === "Allow" && grantsToEveryone(statement.Principal) && !isRestricted(statement.Condition);
  });
}

export function deriveBucketPolicyStatus(policy: string, blocks: Array<TWorldPublicAccessBlock | undefined>): boolean {
  if (blocks.some((block) => block?.RestrictPublicBuckets === true || block?.BlockPublicPolicy === true)) return false;
  return isPolicyPublic(policy);
}
