import { can, listConnections } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { CreateConnectionForm } from "./create-connection-form";

export const metadata: Metadata = { title: "AWS connections" };

export default async function ConnectionsPage() {
  const scope = await requirePageScope();
  const connections = await listConnections({ db: getDb(), scope });
  const canManage = can(scope.role, "connections.manage");
  return (
    <div className="stack">
      <h1>AWS connections</h1>
      <p className="muted">One connection per AWS Organization. Guardrail assumes a read-only role in every member account, always with the connection&apos;s external ID.</p>
      {connections.length === 0 ? (
        <p className="panel muted">No AWS Organization is connected yet.</p>
      ) : (
        <table className="data panel" aria-label="Connections">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Organization</th>
              <th scope="col">Status</th>
              <th scope="col">Regions</th>
              <th scope="col">Schedule</th>
              <th scope="col">Last tested</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/settings/connections/${c.id}`}>{c.name}</Link>
                </td>
                <td>{c.organizationId ?? <span className="muted">not discovered yet</span>}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td>{c.regions.length ? c.regions.join(", ") : "all enabled"}</td>
                <td>
                  <code>{c.scheduleCron}</code>
                  {c.scheduleEnabled ? "" : " (paused)"}
                </td>
                <td>{formatDateTime(c.lastTestedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage ? (
        <section className="panel" aria-label="Connect an AWS Organization">
          <h2>Connect an AWS Organization</h2>
          <CreateConnectionForm />
        </section>
      ) : null}
    </div>
  );
}
