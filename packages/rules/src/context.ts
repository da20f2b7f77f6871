import type {
  TCollectedResource,
  TCollectionStatus,
  TResourceType,
  TServiceKey,
} from "@guardrail/collectors";
import type { TAccessGraph, TActionCatalog, TCapabilityAnalyzer } from "@guardrail/iam";
import { buildOrganizationView, type TOrganizationView } from "./organization";

export type TCollectionState = TCollectionStatus | "NOT_COLLECTED";

export interface TCollectionRecord {
  accountId: string;
  region: string;
  service: TServiceKey;
  status: TCollectionStatus;
}

export interface TRuleContext {
  now: Date;
  get(resourceId: string): TCollectedResource | undefined;
  /** Every resource in the context, in insertion order. */
  all(): Iterable<TCollectedResource>;
  byType(
    type: TResourceType,
    scope?: { accountId?: string; region?: string },
  ): readonly TCollectedResource[];
  collectionStatus(accountId: string, region: string, service: TServiceKey): TCollectionState;
  /** Every recorded collection of a service in an account (one per region). */
  collectionsOf(accountId: string, service: TServiceKey): readonly TCollectionRecord[];
  organization: TOrganizationView | null;
  /** IAM action catalog for capability analysis (NotAction/wildcard expansion); null = built-in probes only. */
  iamActionCatalog: TActionCatalog | null;
  /** The security groups an instance names, and the ids that were not found in the inventory. */
  instanceSecurityGroups(instance: TCollectedResource): {
    groups: TCollectedResource[];
    missing: string[];
  };
  /** The role behind an instance's instance profile: null when it has none, undefined when not found. */
  instanceRole(instance: TCollectedResource): TCollectedResource | null | undefined;
  /** A role by ARN (Lambda `Role`, EKS `nodeRole`). */
  roleOf(roleArn: string | null | undefined): TCollectedResource | undefined;
  /** Memoise an expensive derived value (per-role IAM analysis, parsed policies) for this context. */
  memo<T>(key: string, compute: () => T): T;
  /** Memoise a value derived from one object (a resource), keyed by identity: cheaper than memo(). */
  memoFor<T>(namespace: string, subject: object, compute: () => T): T;
  /** A capability analyzer shared by the contexts that were given one (see buildRuleContext). */
  iamCapabilityAnalyzer: TCapabilityAnalyzer | null;
  /**
   * The access graph of the context's resources when the caller built it already (the scan
   * evaluation builds it once, for the attack-path rules and for storage); null otherwise.
   */
  accessGraph?: TAccessGraph | null;
}

const EMPTY: readonly TCollectedResource[] = Object.freeze([]);

function scopeKey(type: string, accountId: string, region: string): string {
  return `${type}|${accountId}|${region}`;
}

export function buildRuleContext(input: {
  resources: Iterable<TCollectedResource>;
  collections: Iterable<TCollectionRecord>;
  now: Date;
  iamActionCatalog?: TActionCatalog | null;
  /** Share one @guardrail/iam capability analyzer (and its bounded memo) between contexts. */
  iamCapabilityAnalyzer?: TCapabilityAnalyzer | null;
  /** The full access graph of `resources`, built by the caller (see TRuleContext.accessGraph). */
  accessGraph?: TAccessGraph | null;
}): TRuleContext {
  const byId = new Map<string, TCollectedResource>();
  const byTypeIndex = new Map<string, TCollectedResource[]>();
  const byScope = new Map<string, TCollectedResource[]>();
  const push = (map: Map<string, TCollectedResource[]>, key: string, r: TCollectedResource) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of input.resources) {
    byId.set(r.resourceId, r);
    push(byTypeIndex, r.resourceType, r);
  }
  // Scoped indexes are built per type on first use: most types are never queried by scope.
  const scopedTypes = new Set<string>();
  const ensureScoped = (type: string) => {
    if (scopedTypes.has(type)) return;
    scopedTypes.add(type);
    for (const r of byTypeIndex.get(type) ?? []) {
      push(byScope, scopeKey(type, r.accountId, "*"), r);
      push(byScope, scopeKey(type, r.accountId, r.region), r);
    }
  };

  // account → region → service → status (nested maps: no key strings built on the hot path)
  const statuses = new Map<string, Map<string, Map<string, TCollectionStatus>>>();
  const collectionsByAccountService = new Map<string, TCollectionRecord[]>();
  for (const c of input.collections) {
    let byRegion = statuses.get(c.accountId);
    if (!byRegion) statuses.set(c.accountId, (byRegion = new Map()));
    let byService = byRegion.get(c.region);
    if (!byService) byRegion.set(c.region, (byService = new Map()));
    byService.set(c.service, c.status);
    const key = `${c.accountId}|${c.service}`;
    const list = collectionsByAccountService.get(key);
    if (list) list.push(c);
    else collectionsByAccountService.set(key, [c]);
  }

  const memoCache = new Map<string, unknown>();
  const memoByObject = new Map<string, WeakMap<object, unknown>>();
  let instanceProfileIndex: Map<string, TCollectedResource> | null = null;

  const ctx: TRuleContext = {
    now: input.now,
    get: (id) => byId.get(id),
    all: () => byId.values(),
    byType(type, scope) {
      if (!scope || (scope.accountId === undefined && scope.region === undefined)) {
        return byTypeIndex.get(type) ?? EMPTY;
      }
      if (scope.accountId !== undefined) {
        ensureScoped(type);
        return byScope.get(scopeKey(type, scope.accountId, scope.region ?? "*")) ?? EMPTY;
      }
      return (byTypeIndex.get(type) ?? EMPTY).filter((r) => r.region === scope.region);
    },
    collectionStatus(accountId, region, service) {
      return statuses.get(accountId)?.get(region)?.get(service) ?? "NOT_COLLECTED";
    },
    collectionsOf(accountId, service) {
      return collectionsByAccountService.get(`${accountId}|${service}`) ?? [];
    },
    organization: buildOrganizationView(
      byTypeIndex.get("AWS::Organizations::Account") ?? [],
      byTypeIndex.get("AWS::Organizations::OrganizationalUnit") ?? [],
      byTypeIndex.get("AWS::Organizations::Policy") ?? [],
    ),
    iamActionCatalog: input.iamActionCatalog ?? null,
    iamCapabilityAnalyzer: input.iamCapabilityAnalyzer ?? null,
    accessGraph: input.accessGraph ?? null,
    instanceSecurityGroups(instance) {
      const cfg = instance.configuration;
      const refs = Array.isArray(cfg.SecurityGroups) ? cfg.SecurityGroups : [];
      const groups: TCollectedResource[] = [];
      const missing: string[] = [];
      for (const ref of refs as { GroupId?: string }[]) {
        if (!ref?.GroupId) continue;
        const id = `arn:aws:ec2:${instance.region}:${instance.accountId}:security-group/${ref.GroupId}`;
        const sg = byId.get(id);
        if (sg) groups.push(sg);
        else missing.push(ref.GroupId);
      }
      return { groups, missing };
    },
    instanceRole(instance) {
      const profile = instance.configuration.IamInstanceProfile as { Arn?: string } | undefined;
      if (!profile?.Arn) return null;
      if (!instanceProfileIndex) {
        instanceProfileIndex = new Map();
        for (const role of byTypeIndex.get("AWS::IAM::Role") ?? []) {
          const list = role.configuration.InstanceProfileList;
          if (!Array.isArray(list)) continue;
          for (const p of list as { Arn?: string }[]) {
            if (p?.Arn) instanceProfileIndex.set(p.Arn, role);
          }
        }
      }
      return instanceProfileIndex.get(profile.Arn);
    },
    roleOf(roleArn) {
      if (!roleArn) return undefined;
      return byId.get(roleArn);
    },
    memo<T>(key: string, compute: () => T): T {
      if (memoCache.has(key)) return memoCache.get(key) as T;
      const value = compute();
      memoCache.set(key, value);
      return value;
    },
    memoFor<T>(namespace: string, subject: object, compute: () => T): T {
      let cache = memoByObject.get(namespace);
      if (!cache) memoByObject.set(namespace, (cache = new WeakMap()));
      if (cache.has(subject)) return cache.get(subject) as T;
      const value = compute();
      cache.set(subject, value);
      return value;
    },
  };
  return ctx;
}
