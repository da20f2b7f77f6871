import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

export const ROLES = ["OWNER", "ADMIN", "ANALYST", "BU_OWNER", "VIEWER"] as const;
export type TRole = (typeof ROLES)[number];

/**
 * What each role may do. OWNER/ADMIN: everything. ANALYST: triage, no settings. BU_OWNER:
 * their business units' findings and resources, comment and request suppression. VIEWER:
 * read-only, everything in the tenant.
 */
export const PERMISSIONS = {
  "inventory.read": ["OWNER", "ADMIN", "ANALYST", "BU_OWNER", "VIEWER"],
  "findings.read": ["OWNER", "ADMIN", "ANALYST", "BU_OWNER", "VIEWER"],
  "findings.triage": ["OWNER", "ADMIN", "ANALYST"],
  "findings.comment": ["OWNER", "ADMIN", "ANALYST", "BU_OWNER"],
  "findings.requestSuppression": ["OWNER", "ADMIN", "ANALYST", "BU_OWNER"],
  "findings.export": ["OWNER", "ADMIN", "ANALYST", "VIEWER"],
  "trends.read": ["OWNER", "ADMIN", "ANALYST", "BU_OWNER", "VIEWER"],
  "organization.read": ["OWNER", "ADMIN", "ANALYST", "VIEWER"],
  "scans.read": ["OWNER", "ADMIN", "ANALYST", "VIEWER"],
  "scans.run": ["OWNER", "ADMIN", "ANALYST"],
  "connections.read": ["OWNER", "ADMIN", "VIEWER"],
  "connections.manage": ["OWNER", "ADMIN"],
  "rules.manage": ["OWNER", "ADMIN"],
  "businessUnits.manage": ["OWNER", "ADMIN"],
  "users.manage": ["OWNER", "ADMIN"],
  "audit.read": ["OWNER", "ADMIN"],
} as const satisfies Record<string, readonly TRole[]>;
export type TPermission = keyof typeof PERMISSIONS;

export function can(role: TRole, permission: TPermission): boolean {
  return (PERMISSIONS[permission] as readonly TRole[]).includes(role);
}

/** Throws FORBIDDEN unless the scope's role has the permission. Call it first in every action. */
export function authorize(scope: TTenantScope, permission: TPermission): void {
  if (!can(scope.role, permission)) {
    throw new AppError("FORBIDDEN", `Your role (${scope.role}) cannot ${permission}.`);
  }
}
