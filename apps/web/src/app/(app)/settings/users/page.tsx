import { can, listBusinessUnitNames, listInvitations, listMembers } from "@guardrail/core";
import type { Metadata } from "next";
import { Forbidden } from "@/components/settings/forbidden";
import { UsersView } from "@/components/settings/users-view";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Users and invitations" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const scope = await requirePageScope();
  if (!can(scope.role, "users.manage")) return <Forbidden what="users and invitations" />;
  const db = getDb();
  const now = new Date();
  const [members, invitations, businessUnits] = await Promise.all([
    listMembers({ db, scope }),
    listInvitations({ db, scope, now }),
    listBusinessUnitNames({ db, scope }),
  ]);
  return (
    <div className="stack">
      <h1>Users and invitations</h1>
      <UsersView
        currentUserId={scope.userId}
        currentRole={scope.role}
        members={members.map((m) => ({
          ...m,
          joinedAt: m.joinedAt.toISOString(),
          lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
        }))}
        invitations={invitations.map((i) => ({
          ...i,
          createdAt: i.createdAt.toISOString(),
          expiresAt: i.expiresAt.toISOString(),
        }))}
        businessUnits={businessUnits}
      />
    </div>
  );
}
