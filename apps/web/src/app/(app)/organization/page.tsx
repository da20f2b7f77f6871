import { getOrganizationOverview, isAppError } from "@guardrail/core";
import type { Metadata } from "next";
import { z } from "zod";
import { hrefWith, toUrlSearchParams, type TSearchParams } from "@/components/data/search-params";
import { CoverageMatrix } from "@/components/organization/coverage-matrix";
import { OrgTree } from "@/components/organization/org-tree";
import { PolicyList } from "@/components/organization/policy-list";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Organization" };

/** Accounts per page of the coverage matrix (the tree and the gap totals hold every account). */
const MATRIX_PAGE_SIZE = 100;
const ZSearch = z.object({
  accounts: z.preprocess(
    (v) => (Array.isArray(v) ? v[0] : v),
    z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  ),
});

export default async function OrganizationPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  const raw = await searchParams;
  const current = toUrlSearchParams(raw);
  let org;
  try {
    org = await getOrganizationOverview({ db: getDb(), scope, now: new Date() });
  } catch (err) {
    // A BU_OWNER (the nav does not offer them the page) gets a clear answer, not an error.
    if (!isAppError(err) || err.code !== "FORBIDDEN") throw err;
    return (
      <div className="stack">
        <h1>Organization</h1>
        <p className="alert error" role="alert">
          Your role cannot see the organization&apos;s structure and guardrails.
        </p>
      </div>
    );
  }
  const pageCount = Math.max(1, Math.ceil(org.coverage.length / MATRIX_PAGE_SIZE));
  const matrixPage = Math.min(ZSearch.parse(raw).accounts, pageCount);
  const matrixRows = org.coverage.slice(
    (matrixPage - 1) * MATRIX_PAGE_SIZE,
    matrixPage * MATRIX_PAGE_SIZE,
  );
  const mgmt = org.managementAccount;
  const policyNames = Object.fromEntries(org.policies.map((p) => [p.policyId, p.name]));
  return (
    <div className="stack">
      <h1>Organization</h1>
      {mgmt && mgmt.status === "FAIL" ? (
        <div className="alert error" role="alert" data-testid="management-warning">
          <strong>Workloads in the management account.</strong> {mgmt.message} in {mgmt.name} (
          {mgmt.accountId}). SCPs do not apply to the management account and it can act on every
          member account: move these to a member account.
          <ul className="small" style={{ margin: "0.4rem 0 0" }}>
            {mgmt.workloads.slice(0, 8).map((w) => (
              <li key={w.resourceId}>
                {w.resourceType} <code>{w.resourceId}</code> ({w.region})
              </li>
            ))}
            {mgmt.workloadCount > 8 ? <li>and {mgmt.workloadCount - 8} more</li> : null}
          </ul>
        </div>
      ) : mgmt && mgmt.status === "UNABLE_TO_EVALUATE" ? (
        <p className="alert info" role="status">
          Workloads in the management account could not be checked: {mgmt.message}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="tree-title">
        <h2 id="tree-title">Organizational units and accounts</h2>
        <p className="muted small">
          Score from the latest posture snapshot; connection health from the last scan or connection
          test.
        </p>
        <OrgTree roots={org.roots} policyNames={policyNames} />
      </section>
      <section className="panel" aria-labelledby="matrix-title">
        <h2 id="matrix-title">Guardrail coverage</h2>
        <p className="muted small">
          Decided by the organization rules on each account&apos;s effective SCPs and RCPs (root →
          OUs → account). Hover a cell to see which policy provides the guardrail.
        </p>
        <CoverageMatrix
          guardrails={org.guardrails}
          rows={matrixRows}
          gaps={org.gaps}
          pages={{
            page: matrixPage,
            count: pageCount,
            total: org.coverage.length,
            href: (p) =>
              `${hrefWith("/organization", current, { accounts: p === 1 ? null : String(p) })}#matrix-title`,
          }}
        />
      </section>
      <section className="panel" aria-labelledby="policies-title">
        <h2 id="policies-title">Service and resource control policies</h2>
        <PolicyList policies={org.policies} />
      </section>
    </div>
  );
}
