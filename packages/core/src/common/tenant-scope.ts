import type { TRole } from "../auth/roles";

/**
 * Who is acting, in which tenant. Every core query takes one: tenant isolation is a
 * parameter of every data-access function, never an afterthought of the caller.
 */
export interface TTenantScope {
  tenantId: string;
  userId: string;
  role: TRole;
}
