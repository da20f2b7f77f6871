import { can, listAuditLog, listMembers, ZAuditLogFilter } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { Forbidden } from "@/components/settings/forbidden";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === "" ? undefined : s;
}

function summarize(data: unknown): string {
  if (data === null || data === undefined) return "";
  const text = JSON.stringify(data);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export default async function AuditPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requirePageScope();
  if (!can(scope.role, "audit.read")) return <Forbidden what="the audit log" />;
  const raw = await props.searchParams;
  const parsed = ZAuditLogFilter.safeParse({
    actorUserId: first(raw.actor),
    action: first(raw.action),
    from: first(raw.from),
    to: first(raw.to),
    page: first(raw.page),
  });
  const filter = parsed.success ? parsed.data : { page: 1, pageSize: 50 };
  const db = getDb();
  const [log, members] = await Promise.all([listAuditLog(db, scope, filter), listMembers({ db, scope })]);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    if (filter.actorUserId) p.set("actor", filter.actorUserId);
    if (filter.action) p.set("action", filter.action);
    if (filter.from) p.set("from", filter.from);
    if (filter.to) p.set("to", filter.to);
    p.set("page", String(page));
    return `/settings/audit?${p.toString()}`;
  };
  return (
    <div className="stack">
      <h1>Audit log</h1>
      <p className="muted">Who changed what in this organization, when and from where. Newest first.</p>
      {!parsed.success ? (
        <p className="alert error" role="alert">
          {parsed.error.issues.map((i) => i.message).join(" ")} The filters were reset.
        </p>
      ) : null}
      <form className="filters panel" method="get" action="/settings/audit" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="actor">Actor</label>
          <select id="actor" name="actor" defaultValue={filter.actorUserId ?? ""}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="action">Action</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">Any action</option>
            {log.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From (UTC)</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">To (UTC)</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <button className="button" type="submit">
          Apply
        </button>
        <Link className="button secondary" href="/settings/audit">
          Clear
        </Link>
      </form>
      {log.rows.length === 0 ? (
        <p className="panel muted">No audit entries match these filters.</p>
      ) : (
        <div className="panel table-scroll">
          <table className="data" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td className="small">{formatDateTime(r.at)}</td>
                  <td>{r.actor ? `${r.actor.name} (${r.actor.email})` : <span className="muted">system or removed user</span>}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td className="small">
                    {r.targetType ? `${r.targetType} ` : ""}
                    {r.targetId ? <code>{r.targetId}</code> : null}
                  </td>
                  <td className="small">
                    <code>{summarize(r.data)}</code>
                  </td>
                  <td className="small">{r.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Audit log pages">
        {log.page > 1 ? (
          <Link className="button secondary" href={pageHref(log.page - 1)}>
            Previous
          </Link>
        ) : null}
        <span className="muted">
          Page {log.page} of {pages} · {log.total} entries
        </span>
        {log.page < pages ? (
          <Link className="button secondary" href={pageHref(log.page + 1)}>
            Next
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
