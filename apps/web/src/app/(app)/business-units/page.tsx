import {
  can,
  countBusinessUnitContents,
  listAssignableOwners,
  listBusinessUnits,
  listMappingTargets,
} from "@guardrail/core";
import type { Metadata } from "next";
import { BusinessUnitsView } from "@/components/business-units/business-units-view";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Business units" };
export const dynamic = "force-dynamic";

export default async function BusinessUnitsPage() {
  const scope = await requirePageScope();
  const db = getDb();
  // Resource and open-finding counts read the whole inventory: streamed in after the list.
  const contents = countBusinessUnitContents({ db, scope }).catch((err: unknown) => {
    console.error("[page] business unit counts failed:", err instanceof Error ? err.message : "unknown error");
    return null;
  });
  const [{ businessUnits, tenantSlaDays }, members, targets] = await Promise.all([
    listBusinessUnits({ db, scope }),
    listAssignableOwners({ db, scope }),
    listMappingTargets({ db, scope }),
  ]);
  return (
    <div className="stack">
      <h1>Business units &amp; owners</h1>
      <p className="muted">
        Findings go to the first business unit whose rule matches, in this order: a tag on the resource, a tag on
        its AWS account, the account itself, the nearest organizational unit above the account, then the default
        business unit. Within one kind of rule, the older rule wins. Hand-assigned findings keep their owner.
      </p>
      <BusinessUnitsView
        canManage={can(scope.role, "businessUnits.manage")}
        businessUnits={businessUnits.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() }))}
        contents={contents}
        tenantSlaDays={tenantSlaDays}
        members={members}
        accounts={targets.accounts}
        ous={targets.ous}
      />
    </div>
  );
}
