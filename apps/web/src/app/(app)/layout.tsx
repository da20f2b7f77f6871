import { can, getTenant, listMemberships, type TPermission } from "@guardrail/core";
import Link from "next/link";
import type { ReactNode } from "react";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { Providers } from "./providers";

const NAV: { href: string; label: string; permission: TPermission }[] = [
  { href: "/", label: "Overview", permission: "inventory.read" },
  { href: "/findings", label: "Findings", permission: "findings.read" },
  { href: "/findings/mine", label: "My findings", permission: "findings.read" },
  { href: "/attack-paths", label: "Attack paths", permission: "findings.read" },
  { href: "/inventory", label: "Inventory", permission: "inventory.read" },
  { href: "/trends", label: "Trends", permission: "trends.read" },
  { href: "/organization", label: "Organization", permission: "organization.read" },
  { href: "/business-units", label: "Business units", permission: "inventory.read" },
  { href: "/scans", label: "Scans", permission: "scans.read" },
  { href: "/settings/connections", label: "AWS connections", permission: "connections.read" },
  { href: "/settings/rules", label: "Rules", permission: "inventory.read" },
  { href: "/settings/users", label: "Users", permission: "users.manage" },
  { href: "/settings/audit", label: "Audit log", permission: "audit.read" },
];

export default async function AppLayout({ children }: { children: ReactNode }) {
  const scope = await requirePageScope();
  const db = getDb();
  const [tenant, user, memberships] = await Promise.all([
    getTenant(db, scope),
    db.user.findUniqueOrThrow({ where: { id: scope.userId }, select: { name: true, email: true } }),
    listMemberships(db, scope.userId),
  ]);
  return (
    <div className="shell">
      <aside className="sidebar" aria-label="Main">
        <span className="brand">Guardrail</span>
        <nav>
          <ul>
            {NAV.filter((item) => can(scope.role, item.permission)).map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div>
        <header className="topbar">
          <div>
            <strong data-testid="tenant-name">{tenant.name}</strong>{" "}
            {memberships.length > 1 ? <span className="muted">({memberships.length} organizations)</span> : null}
          </div>
          <div className="user-menu">
            <span data-testid="user-email">{user.email}</span>
            <span className="badge" data-testid="user-role">
              {scope.role}
            </span>
            <Link className="button secondary" href="/signout">
              Sign out
            </Link>
          </div>
        </header>
        <main className="content">
          <Providers>{children}</Providers>
        </main>
      </div>
    </div>
  );
}
