import { accountIdOfArn } from "../principal.matcher";
import type { TPolicyInput } from "../policy.types";
import type { TGraphEdgeKind, TGraphNodeKind, TGraphResource } from "./access-graph.types";
import { addEdge, addNode, ANYONE_NODE_ID, lastSegment, reasonsOf, type TBuildState, type TPrincipalEntry } from "./build-state";
import { addDataStoreExposure, analyzePolicyExposure, isDataStorePublic } from "./exposure";
import { asRecord, asString } from "./graph-inventory";
import { identityAllowPatterns, patternsReach } from "./identity-patterns";

// can-read / can-write: data stores (S3 buckets, RDS instances, KMS keys, SQS queues, SNS topics,
// Secrets Manager secrets)
// and the principals that can read or change their data. Candidates are the principals of the
// store's account whose identity side grants the action on some store of the type, and those of
// accounts its resource policy names. A principal allowed the action on every store of the type
// in its account (no resource policy) gets the same edge for each store without re-evaluating.

interface TDataStoreSpec {
  kind: TGraphNodeKind;
  read: string | null;
  write: string | null;
  /** the ARN the data actions are asked on */
  dataArn(r: TGraphResource): string;
  policy(r: TGraphResource): string | null;
  policyKind: "generic" | "kms-key";
  /** wildcard ARN: does the identity side grant the action on some store of this type? */
  probe: string;
  /** every store of this type in an account (asked with resourceMatch "all") */
  accountWide(accountId: string): string;
}

export const DATA_STORES: Record<string, TDataStoreSpec> = {
  "AWS::S3::Bucket": {
    kind: "s3-bucket",
    read: "s3:GetObject",
    write: "s3:PutObject",
    dataArn: (r) => `${r.resourceId}/*`,
    policy: (r) => asString(r.configuration.Policy),
    policyKind: "generic",
    probe: "arn:aws:s3:::*/*",
    accountWide: () => "arn:aws:s3:::*/*",
  },
  "AWS::RDS::DBInstance": {
    kind: "rds-instance",
    // a snapshot copies the data out; ModifyDBInstance can reset the master password
    read: "rds:CreateDBSnapshot",
    write: "rds:ModifyDBInstance",
    dataArn: (r) => r.resourceId,
    policy: () => null,
    policyKind: "generic",
    probe: "arn:aws:rds:*:*:db:*",
    accountWide: (a) => `arn:aws:rds:*:${a}:db:*`,
  },
  "AWS::KMS::Key": {
    kind: "kms-key",
    read: "kms:Decrypt",
    write: null,
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(r.configuration.Policy),
    policyKind: "kms-key",
    probe: "arn:aws:kms:*:*:key/*",
    accountWide: (a) => `arn:aws:kms:*:${a}:key/*`,
  },
  "AWS::SQS::Queue": {
    kind: "sqs-queue",
    read: "sqs:ReceiveMessage",
    write: "sqs:SendMessage",
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(asRecord(r.configuration.Attributes)?.Policy),
    policyKind: "generic",
    probe: "arn:aws:sqs:*:*:*",
    accountWide: (a) => `arn:aws:sqs:*:${a}:*`,
  },
  "AWS::SNS::Topic": {
    kind: "sns-topic",
    read: "sns:Subscribe",
    write: "sns:Publish",
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(asRecord(r.configuration.Attributes)?.Policy),
    policyKind: "generic",
    probe: "arn:aws:sns:*:*:*",
    accountWide: (a) => `arn:aws:sns:*:${a}:*`,
  },
  // Reading a secret is GetSecretValue, judged with the secret's resource policy. (A customer
  // managed key's policy also gates it, through kms:Decrypt via Secrets Manager: not modelled,
  // as for the other KMS-encrypted stores.)
  "AWS::SecretsManager::Secret": {
    kind: "secret",
    read: "secretsmanager:GetSecretValue",
    write: null,
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(r.configuration.ResourcePolicy),
    policyKind: "generic",
    probe: "arn:aws:secretsmanager:*:*:secret:*",
    accountWide: (a) => `arn:aws:secretsmanager:*:${a}:secret:*`,
  },
};

/** Resource patterns of the principal's identity Allow statements for `action` (memoised per principal). */
export function allowPatternsOf(entry: TPrincipalEntry, action: string): readonly string[] {
  let patterns = entry.allowPatterns.get(action);
  if (!patterns) {
    patterns = identityAllowPatterns(entry.identityPolicies, action);
    entry.allowPatterns.set(action, patterns);
  }
  return patterns;
}

export interface TDataAccessOptions {
  /**
   * "all" principals, or only roles assumable from outside the organization / by anyone (then
   * data stores, with their exposure, are left out when no such role exists)
   */
  dataAccess?: "all" | "externally-assumable";
}

export function* addDataAccessEdges(state: TBuildState, opts: TDataAccessOptions = {}): Generator<void, void, void> {
  const { org } = state;
  /** does the identity side grant `action` on some store of the type (memoised per principal) */
  const identityGrants = (entry: TPrincipalEntry, action: string, probeArn: string): boolean => {
    if (entry.isAdmin) return true;
    let ok = entry.identityGrants.get(action);
    if (ok === undefined) {
      ok = false;
      if (patternsReach(allowPatternsOf(entry, action), probeArn)) {
        state.evaluations++;
        ok = entry.evaluator.evaluate({ action, resource: { arn: probeArn } }).decision !== "DENIED";
      }
      entry.identityGrants.set(action, ok);
    }
    return ok;
  };
  const onlyExternal = opts.dataAccess === "externally-assumable";
  const externallyAssumable = new Set<string>();
  if (onlyExternal) {
    for (const e of state.edges) {
      if (e.kind === "can-assume" && (e.source === ANYONE_NODE_ID || state.nodes.get(e.source)?.kind === "external-account")) externallyAssumable.add(e.target);
    }
  }

  // the lighter graph holds data stores for the data edges of externally assumable roles only
  if (onlyExternal && externallyAssumable.size === 0) return;
  /** may the principal get data edges at all (with "externally-assumable", only such roles) */
  const considered = (p: TPrincipalEntry) => !onlyExternal || externallyAssumable.has(p.arn);
  /** the principals of an account the identity side lets do `action` on some store (per account) */
  const granteesCache = new Map<string, Map<string, TPrincipalEntry[]>>();
  const granteesOf = (accountId: string, action: string, probeArn: string): TPrincipalEntry[] => {
    let byAction = granteesCache.get(accountId);
    if (!byAction) granteesCache.set(accountId, (byAction = new Map()));
    let list = byAction.get(action);
    if (!list) {
      list = (state.principalsByAccount.get(accountId) ?? []).filter((p) => considered(p) && identityGrants(p, action, probeArn));
      byAction.set(action, list);
    }
    return list;
  };
  /** same account, no resource policy: allowed on every store of the type (memoised per principal and action) */
  const wideGrants = new Map<TPrincipalEntry, Map<string, string[] | null>>();
  const accountWideGrant = (p: TPrincipalEntry, spec: TDataStoreSpec, action: string, rcps: TPolicyInput[][] | undefined, resourceAccountIsManagement: boolean): string[] | null => {
    const accountId = p.resource.accountId;
    let byAction = wideGrants.get(p);
    if (!byAction) wideGrants.set(p, (byAction = new Map()));
    const cached = byAction.get(action);
    if (cached !== undefined) return cached;
    state.evaluations++;
    const res = p.evaluator.evaluate({ action, resource: { arn: spec.accountWide(accountId), accountId }, resourceMatch: "all", ...(rcps ? { rcps } : {}), resourceAccountIsManagement });
    const out = res.decision === "ALLOWED" ? reasonsOf(action, `every ${spec.kind} of ${accountId}`, res) : null;
    byAction.set(action, out);
    return out;
  };
  for (const [type, spec] of Object.entries(DATA_STORES)) {
    for (const r of state.byType.get(type) ?? []) {
      yield;
      const policy = spec.policy(r);
      const exposure = analyzePolicyExposure(state, policy, r.accountId);
      const isPublic = isDataStorePublic(state, r, exposure);
      addNode(state, { id: r.resourceId, kind: spec.kind, accountId: r.accountId, region: r.region, name: r.name ?? lastSegment(r.resourceId), properties: { public: isPublic } });
      if (isPublic) addDataStoreExposure(state, r);
      // candidates: principals of the store's account, and of accounts its policy names
      const named = new Set<string>();
      const accounts = new Set<string>([r.accountId]);
      for (const principal of exposure?.crossAccountPrincipals ?? []) {
        const account = /^\d{12}$/.test(principal) ? principal : accountIdOfArn(principal);
        if (account && state.organizationAccountIds.has(account)) {
          if (state.principals.has(principal)) named.add(principal);
          else accounts.add(account);
        }
      }
      if (policy) for (const p of state.principalsByAccount.get(r.accountId) ?? []) if (policy.includes(p.arn)) named.add(p.arn);
      const rcps = org.rcpLevels(r.accountId);
      const resourceAccountIsManagement = org.managementAccountId === r.accountId;
      const dataArn = spec.dataArn(r);
      const storeName = r.name ?? lastSegment(r.resourceId);
      for (const [edgeKind, action] of [["can-read", spec.read], ["can-write", spec.write]] as [TGraphEdgeKind, string | null][]) {
        if (!action) continue;
        let candidates: readonly TPrincipalEntry[];
        if (named.size === 0 && accounts.size === 1) candidates = granteesOf(r.accountId, action, spec.probe);
        else {
          const list: TPrincipalEntry[] = [];
          for (const account of accounts) {
            for (const p of state.principalsByAccount.get(account) ?? []) {
              if (considered(p) && (named.has(p.arn) || identityGrants(p, action, spec.probe))) list.push(p);
            }
          }
          for (const arn of named) {
            const p = state.principals.get(arn);
            if (p && considered(p) && !accounts.has(p.resource.accountId)) list.push(p);
          }
          candidates = list;
        }
        for (const p of candidates) {
          if (!policy && p.resource.accountId === r.accountId) {
            // Same account, no resource policy: when the identity side allows the action on every
            // store of this type (resourceMatch "all", tags unknown), each store is allowed alike.
            const wide = accountWideGrant(p, spec, action, rcps, resourceAccountIsManagement);
            if (wide) {
              addEdge(state, p.arn, r.resourceId, edgeKind, "ALLOWED", { action, reasons: wide }, true);
              continue;
            }
          }
          if (!policy && !p.isAdmin && !patternsReach(allowPatternsOf(p, action), dataArn)) continue;
          state.evaluations++;
          const res = p.evaluator.evaluate({
            action,
            resource: { arn: dataArn, accountId: r.accountId, policy: policy ? { name: "resource policy", document: policy } : null, kind: spec.policyKind, tags: r.tags ?? {} },
            ...(rcps ? { rcps } : {}),
            resourceAccountIsManagement,
          });
          if (res.decision === "DENIED") continue;
          addEdge(state, p.arn, r.resourceId, edgeKind, res.decision, { action, conditions: res.unresolvedConditions, reasons: reasonsOf(action, storeName, res) }, true);
        }
      }
    }
  }
}
