import { parsePolicyDocument } from "./policy.parser";
import type { TPolicyInput, TPrincipalRef } from "./policy.types";
import { listPrincipalRefs } from "./principal.matcher";
import { isRestrictedStatement, listConditionKeys } from "./restricting-condition";

// Who may assume a role, read from its trust policy (AssumeRolePolicyDocument).

export interface TTrustStatement {
  sid?: string;
  principals: TPrincipalRef[];
  actions: string[];
  /** values required for sts:ExternalId (StringEquals/StringLike), null when not constrained */
  externalIdValues: string[] | null;
  hasExternalIdCondition: boolean;
  conditionKeys: string[];
}

export interface TTrustAnalysis {
  statements: TTrustStatement[];
  /** AWS accounts other than the role's own that are trusted (sorted, unique) */
  trustedAccounts: string[];
  /** trusted accounts that are neither the role's account nor in `organizationAccountIds` */
  trustedAccountsOutsideOrganization: string[];
  /** "*" is trusted without a condition restricting it to known principals */
  trustsAnyone: boolean;
  trustedServices: string[];
  federated: string[];
  /**
   * Web-identity providers trusted without a condition pinning the subject (OIDC `…:sub`, or
   * `cognito-identity.amazonaws.com:aud`): anyone with a token from that provider — e.g. any
   * GitHub repository — can assume the role.
   */
  federatedWithoutSubjectCondition: string[];
  /** set when the document could not be parsed: nothing is trusted then */
  parseError: string | null;
}

export interface TTrustContext {
  accountId: string;
  organizationAccountIds?: ReadonlySet<string>;
}

export function analyzeTrustPolicy(doc: TPolicyInput, ctx: TTrustContext): TTrustAnalysis {
  const result: TTrustAnalysis = {
    statements: [],
    trustedAccounts: [],
    trustedAccountsOutsideOrganization: [],
    trustsAnyone: false,
    trustedServices: [],
    federated: [],
    federatedWithoutSubjectCondition: [],
    parseError: null,
  };
  const parsed = parsePolicyDocument(doc);
  if (!parsed.ok) {
    result.parseError = parsed.error;
    return result;
  }
  const accounts = new Set<string>();
  const services = new Set<string>();
  const federated = new Set<string>();
  const unpinned = new Set<string>();
  for (const statement of parsed.policy.Statement) {
    if (statement.Effect !== "Allow") continue;
    const principals = listPrincipalRefs(statement.Principal ?? statement.NotPrincipal);
    const externalIdValues = readExternalIdValues(statement.Condition);
    const entry: TTrustStatement = {
      principals,
      actions: [...(statement.Action ?? statement.NotAction ?? [])],
      externalIdValues,
      hasExternalIdCondition: externalIdValues !== null,
      conditionKeys: listConditionKeys(statement),
    };
    if (statement.Sid !== undefined) entry.sid = statement.Sid;
    result.statements.push(entry);
    const restricted = isRestrictedStatement(statement);
    if (statement.NotPrincipal !== undefined && !restricted) result.trustsAnyone = true;
    for (const ref of principals) {
      if (statement.NotPrincipal !== undefined) continue;
      if (ref.kind === "Anyone" && !restricted) result.trustsAnyone = true;
      if (ref.kind === "AWS" && ref.accountId !== null && ref.accountId !== ctx.accountId) {
        accounts.add(ref.accountId);
      }
      if (ref.kind === "Service") services.add(ref.value);
      if (ref.kind === "Federated") {
        federated.add(ref.value);
        if (!pinsSubject(ref.value, statement.Condition)) unpinned.add(ref.value);
      }
    }
  }
  result.trustedAccounts = [...accounts].sort();
  result.trustedAccountsOutsideOrganization = result.trustedAccounts.filter(
    (account) => !ctx.organizationAccountIds?.has(account),
  );
  result.trustedServices = [...services].sort();
  result.federated = [...federated].sort();
  result.federatedWithoutSubjectCondition = [...unpinned].sort();
  return result;
}

function readExternalIdValues(
  condition: Record<string, Record<string, string[]>> | undefined,
): string[] | null {
  if (!condition) return null;
  let values: string[] | null = null;
  for (const [operator, keys] of Object.entries(condition)) {
    if (!/^(ForAnyValue:|ForAllValues:)?String(Equals|Like)(IgnoreCase)?$/.test(operator)) continue;
    for (const [key, list] of Object.entries(keys)) {
      if (key.toLowerCase() !== "sts:externalid") continue;
      values = [...(values ?? []), ...list];
    }
  }
  return values;
}

/** Does the statement pin the subject (or audience, for Cognito) of a web-identity provider? */
function pinsSubject(
  provider: string,
  condition: Record<string, Record<string, string[]>> | undefined,
): boolean {
  if (provider.includes(":saml-provider/")) return true; // SAML assertions name the audience
  const host = provider.includes(":oidc-provider/")
    ? provider.slice(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length)
    : provider;
  const wanted =
    host === "cognito-identity.amazonaws.com" ? `${host}:aud` : `${host}:sub`.toLowerCase();
  for (const [operator, keys] of Object.entries(condition ?? {})) {
    if (!/^(ForAnyValue:|ForAllValues:)?String(Equals|Like)$/.test(operator)) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() !== wanted.toLowerCase()) continue;
      const open = (v: string) => /^[*?]*$/.test(v) || /^repo:[*?]+(:.*)?$/.test(v);
      if (values.length > 0 && !values.some(open)) return true;
    }
  }
  return false;
}
