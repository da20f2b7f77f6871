"use client";

import type { TInvitationRow, TMemberRow, TRole } from "@guardrail/core";
import { useState, useTransition } from "react";
import {
  changeMemberRoleAction,
  createInvitationAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/(app)/settings/users/actions";
import { formatDateTime } from "@/components/format";
import { HydrationGate } from "@/components/hydration-gate";

const ROLES: TRole[] = ["OWNER", "ADMIN", "ANALYST", "BU_OWNER", "VIEWER"];
const ROLE_HELP: Record<TRole, string> = {
  OWNER: "everything, including owners",
  ADMIN: "everything but owners",
  ANALYST: "triage findings, no settings",
  BU_OWNER: "their business units only",
  VIEWER: "read-only",
};

type TMember = Omit<TMemberRow, "joinedAt" | "lastSignInAt"> & { joinedAt: string; lastSignInAt: string | null };
type TInvitation = Omit<TInvitationRow, "createdAt" | "expiresAt"> & { createdAt: string; expiresAt: string };

function useResult() {
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const node = message ? (
    <p className={message.ok ? "alert info" : "alert error"} role={message.ok ? "status" : "alert"}>
      {message.text}
    </p>
  ) : null;
  return [node, setMessage] as const;
}

export function UsersView(props: {
  currentUserId: string;
  currentRole: TRole;
  members: TMember[];
  invitations: TInvitation[];
  businessUnits: { id: string; name: string }[];
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useResult();
  const run = (fn: () => Promise<{ ok: true } | { ok: false; error: string }>, okText: string) =>
    start(async () => {
      const r = await fn();
      setResult(r.ok ? { ok: true, text: okText } : { ok: false, text: r.error });
    });
  const grantable = ROLES.filter((r) => r !== "OWNER" || props.currentRole === "OWNER");

  return (
    <>
      <HydrationGate>
      {result}
      <section className="panel table-scroll" aria-label="Members">
        <h2>Members ({props.members.length})</h2>
        <table className="data" aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Business units</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.members.map((m) => (
              <tr key={m.userId} data-testid={`member-${m.email}`}>
                <td>
                  {m.name} {m.userId === props.currentUserId ? <span className="badge">you</span> : null}
                  {m.disabled ? <span className="badge status-muted">disabled</span> : null}
                </td>
                <td>{m.email}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>
                    Role of {m.email}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    disabled={pending || (m.role === "OWNER" && props.currentRole !== "OWNER")}
                    onChange={(e) =>
                      run(() => changeMemberRoleAction(m.userId, e.target.value as TRole), `${m.email} is now ${e.target.value}.`)
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r} disabled={!grantable.includes(r)}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="small">{m.businessUnits.map((b) => b.name).join(", ") || <span className="muted">—</span>}</td>
                <td className="small">{formatDateTime(m.lastSignInAt)}</td>
                <td>
                  <button
                    className="button danger"
                    type="button"
                    disabled={pending}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.email} from this organization?`)) {
                        run(() => removeMemberAction(m.userId), `${m.email} was removed.`);
                      }
                    }}
                  >
                    Remove<span className="sr-only"> {m.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          {ROLES.map((r) => `${r}: ${ROLE_HELP[r]}`).join(" · ")}. An organization always keeps at least one OWNER.
        </p>
      </section>
      <InviteForm roles={grantable} businessUnits={props.businessUnits} />
      <section className="panel table-scroll" aria-label="Invitations">
        <h2>Invitations</h2>
        {props.invitations.length === 0 ? (
          <p className="muted">No invitations yet.</p>
        ) : (
          <table className="data" aria-label="Invitations">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Invited by</th>
                <th scope="col">Expires</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {props.invitations.map((i) => (
                <tr key={i.id} data-testid={`invitation-${i.email}`}>
                  <td>{i.email}</td>
                  <td>
                    {i.role}
                    {i.businessUnits.length ? <div className="muted small">{i.businessUnits.map((b) => b.name).join(", ")}</div> : null}
                  </td>
                  <td>
                    <span
                      className={`badge status-${i.status === "PENDING" ? "active" : i.status === "ACCEPTED" ? "ok" : "muted"}`}
                      data-testid="invitation-status"
                    >
                      {i.status.toLowerCase()}
                    </span>
                  </td>
                  <td className="small">{i.invitedBy ?? "—"}</td>
                  <td className="small">{formatDateTime(i.expiresAt)}</td>
                  <td>
                    {i.status === "PENDING" ? (
                      <button
                        className="button secondary"
                        type="button"
                        disabled={pending}
                        onClick={() => run(() => revokeInvitationAction(i.id), `The invitation for ${i.email} was revoked.`)}
                      >
                        Revoke<span className="sr-only"> invitation for {i.email}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      </HydrationGate>
    </>
  );
}

function InviteForm(props: { roles: TRole[]; businessUnits: { id: string; name: string }[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<TRole>("VIEWER");
  const [units, setUnits] = useState<string[]>([]);
  const [created, setCreated] = useState<{ link: string; email: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [result, setResult] = useResult();
  const [pending, start] = useTransition();
  return (
    <section className="panel" aria-label="Invite a user">
      <h2>Invite a user</h2>
      <HydrationGate>
      {result}
      {created ? (
        <div className="alert info" role="status" data-testid="invite-link-box">
          <p>
            Send this link to <strong>{created.email}</strong>. It works once and expires {formatDateTime(created.expiresAt)}; it
            is not shown again.
          </p>
          <div className="row">
            <code className="secret" data-testid="invite-link">
              {created.link}
            </code>
            <button
              className="button secondary"
              type="button"
              onClick={() => void navigator.clipboard?.writeText(created.link).then(() => setCopied(true))}
            >
              {copied ? "Copied" : "Copy link"}
            </button>
          </div>
        </div>
      ) : null}
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await createInvitationAction({ email, role, businessUnitIds: role === "BU_OWNER" ? units : [] });
            if (r.ok && r.data) {
              setResult(null);
              setCopied(false);
              setCreated({ link: `${window.location.origin}/invite/${r.data.token}`, email: email.trim().toLowerCase(), expiresAt: r.data.expiresAt });
              setEmail("");
              setUnits([]);
            } else if (!r.ok) setResult({ ok: false, text: r.error });
          });
        }}
      >
        <div className="field">
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as TRole)}>
            {props.roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        {role === "BU_OWNER" ? (
          <fieldset className="fieldset">
            <legend>Business units they will own</legend>
            {props.businessUnits.length === 0 ? <p className="muted">Create a business unit first.</p> : null}
            {props.businessUnits.map((b) => (
              <div className="field inline" key={b.id}>
                <input
                  id={`invite-bu-${b.id}`}
                  type="checkbox"
                  checked={units.includes(b.id)}
                  onChange={(e) => setUnits((list) => (e.target.checked ? [...list, b.id] : list.filter((x) => x !== b.id)))}
                />
                <label htmlFor={`invite-bu-${b.id}`}>{b.name}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <button className="button" type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Create invitation"}
        </button>
      </form>
      </HydrationGate>
    </section>
  );
}
