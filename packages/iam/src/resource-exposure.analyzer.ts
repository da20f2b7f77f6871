import { parsePolicyDocument } from "./policy.parser";
import type { TPolicyInput, TPolicyStatement } from "./policy.types";
import { accountIdOfPrincipal } from "./principal.matcher";
import {
  isRestrictedStatement,
  listConditionKeys,
  ORGANIZATION_OR_ACCOUNT_KEYS,
} from "./restricting-condition";

// Exposure of a resource-based policy (bucket, queue, topic, key, secret, function…).

export interface TResourcePolicyExposure {
  /** Principal "*" (or AWS "*", or an Allow with NotPrincipal) allowed without a restricting condition */
  isPublic: boolean;
  publicStatements: { sid?: string; actions: string[] }[];
  /** AWS principals (as written) of Allow statements that belong to another account */
  crossAccountPrincipals: string[];
  hasOrganizationOrAccountCondition: boolean;
  /** a Deny applying to everyone when aws:SecureTransport is false */
  deniesInsecureTransport: boolean;
  /** set when the document could not be parsed */
  parseError: string | null;
}

export interface TResourceExposureContext {
  accountId: string;
  organizationId?: string;
}

export function analyzeResourcePolicyExposure(
  doc: TPolicyInput,
  ctx: TResourceExposureContext,
): TResourcePolicyExposure {
  const result: TResourcePolicyExposure = {
    isPublic: false,
    publicStatements: [],
    crossAccountPrincipals: [],
    hasOrganizationOrAccountCondition: false,
    deniesInsecureTransport: false,
    parseError: null,
  };
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok) {
    result.parseError = parsed.error;
    return result;
  }
  const crossAccount = new Set<string>();
  for (const statement of parsed.policy.Statement) {
    const keys = listConditionKeys(statement).map((k) => k.toLowerCase());
    if (keys.some((k) => ORGANIZATION_OR_ACCOUNT_KEYS.has(k))) {
      result.hasOrganizationOrAccountCondition = true;
    }
    if (statement.Effect === "Deny") {
      if (appliesToEveryone(statement) && deniesWhenInsecure(statement)) {
        result.deniesInsecureTransport = true;
      }
      continue;
    }
    if (grantsToEveryone(statement) && !isRestrictedStatement(statement)) {
      result.isPublic = true;
      const entry: { sid?: string; actions: string[] } = {
        actions: [...(statement.Action ?? statement.NotAction?.map((a) => `NotAction:${a}`) ?? [])],
      };
      if (statement.Sid !== undefined) entry.sid = statement.Sid;
      result.publicStatements.push(entry);
    }
    const principal = statement.Principal;
    if (principal !== undefined && principal !== "*") {
      for (const value of principal.AWS ?? []) {
        const account = accountIdOfPrincipal(value);
        if (account !== null && account !== ctx.accountId) crossAccount.add(value);
      }
    }
  }
  result.crossAccountPrincipals = [...crossAccount].sort();
  return result;
}

function grantsToEveryone(statement: TPolicyStatement): boolean {
  if (statement.NotPrincipal !== undefined) return true;
  const principal = statement.Principal;
  if (principal === undefined) return false;
  if (principal === "*") return true;
  return (principal.AWS ?? []).includes("*");
}

function appliesToEveryone(statement: TPolicyStatement): boolean {
  const principal = statement.Principal;
  return principal === "*" || (principal !== undefined && (principal.AWS ?? []).includes("*"));
}

function deniesWhenInsecure(statement: TPolicyStatement): boolean {
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (operator !== "Bool" && operator !== "BoolIfExists") continue;
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() === "aws:securetransport" && values.includes("false")) return true;
    }
  }
  return false;
}
