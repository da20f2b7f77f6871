/**
 * sts:AssumeRole trust-policy evaluation: Allow/Deny statements whose Action covers
 * sts:AssumeRole, whose Principal names the caller, and whose conditions hold. Supported
 * condition keys: sts:ExternalId, aws:PrincipalAccount, aws:PrincipalArn (String*, Arn*
 * operators, IfExists); any other condition key is not satisfied.
 */
import { matchWildcard } from "../server/request-context";

export interface TTrustCaller {
  /** the caller's ARN (user, or assumed-role session) */
  arn: string;
  accountId: string;
  /** the role ARN behind an assumed-role session */
  roleArn?: string;
  externalId: string | undefined;
}

type TStatement = {
  Effect?: string;
  Action?: string | string[];
  Principal?: string | Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
};

function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export function parsePolicyDocument(document: string): { Statement?: TStatement | TStatement[] } | undefined {
  const text = document.trimStart().startsWith("%") ? decodeURIComponent(document) : document;
  try {
    return JSON.parse(text) as { Statement?: TStatement | TStatement[] };
  } catch {
    return undefined;
  }
}

function actionCovers(actions: string[]): boolean {
  return actions.some((action) => matchWildcard(action.toLowerCase(), "sts:assumerole"));
}

function principalNames(principal: TStatement["Principal"], caller: TTrustCaller): boolean {
  if (principal === "*") return true;
  if (!principal || typeof principal !== "object") return false;
  return toList(principal.AWS).some((entry) => {
    if (entry === "*") return true;
    if (/^\d{12}$/.test(entry)) return entry === caller.accountId;
    const root = /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(entry);
    if (root) return root[1] === caller.accountId;
    return entry === caller.arn || (caller.roleArn !== undefined && entry === caller.roleArn);
  });
}

function contextValue(key: string, caller: TTrustCaller): string | undefined {
  switch (key.toLowerCase()) {
    case "sts:externalid":
      return caller.externalId;
    case "aws:principalaccount":
      return caller.accountId;
    case "aws:principalarn":
      return caller.roleArn ?? caller.arn;
    default:
      return undefined;
  }
}

const KNOWN_KEYS = new Set(["sts:externalid", "aws:principalaccount", "aws:principalarn"]);

function conditionHolds(operator: string, key: string, expected: string[], caller: TTrustCaller): boolean {
  if (!KNOWN_KEYS.has(key.toLowerCase())) return false;
  const ifExists = operator.endsWith("IfExists");
  const op = ifExists ? operator.slice(0, -"IfExists".length) : operator;
  const actual = contextValue(key, caller);
  if (actual === undefined) return ifExists || op.startsWith("StringNot") || op.startsWith("ArnNot");
  switch (op) {
    case "StringEquals":
    case "ArnEquals":
      return expected.includes(actual);
    case "StringEqualsIgnoreCase":
      return expected.some((value) => value.toLowerCase() === actual.toLowerCase());
    case "StringLike":
    case "ArnLike":
      return expected.some((pattern) => matchWildcard(pattern, actual));
    case "StringNotEquals":
    case "ArnNotEquals":
      return !expected.includes(actual);
    case "StringNotLike":
    case "ArnNotLike":
      return !expected.some((pattern) => matchWildcard(pattern, actual));
    default:
      return false;
  }
}

function conditionsHold(condition: TStatement["Condition"], caller: TTrustCaller): boolean {
  if (!condition) return true;
  return Object.entries(condition).every(([operator, block]) =>
    Object.entries(block).every(([key, values]) => conditionHolds(operator, key, toList(values).map(String), caller)),
  );
}

/** True when the trust policy lets `caller` call sts:AssumeRole. */
export function evaluateTrustPolicy(document: string | undefined, caller: TTrustCaller): boolean {
  if (!document) return false;
  const policy = parsePolicyDocument(document);
  if (!policy) return false;
  let allowed = false;
  for (const statement of toList(policy.Statement)) {
    if (!actionCovers(toList(statement.Action))) continue;
    if (!principalNames(statement.Principal, caller)) continue;
    if (!conditionsHold(statement.Condition, caller)) continue;
    if (statement.Effect === "Deny") return false;
    if (statement.Effect === "Allow") allowed = true;
  }
  return allowed;
}
