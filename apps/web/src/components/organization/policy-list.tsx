import type { TOrgPolicy } from "@guardrail/core";
import styles from "./organization.module.css";

const TYPE_LABEL = { SERVICE_CONTROL_POLICY: "SCP", RESOURCE_CONTROL_POLICY: "RCP" } as const;

/** SCPs and RCPs: each opens to its pretty-printed document and the root / OUs / accounts it is attached to. */
export function PolicyList({ policies }: { policies: TOrgPolicy[] }) {
  if (policies.length === 0)
    return (
      <p className="muted">No SCP or RCP was collected (or the policy types are not enabled).</p>
    );
  return (
    <div data-testid="policy-list">
      {policies.map((p) => (
        <details key={p.policyId} className={styles.policy} data-policy-id={p.policyId}>
          <summary>
            <span className="badge">{TYPE_LABEL[p.type]}</span> <strong>{p.name}</strong>{" "}
            {p.awsManaged ? <span className="badge status-muted">AWS managed</span> : null}{" "}
            <span className="muted small">
              attached to{" "}
              {p.targets.length === 0 ? "nothing" : p.targets.map((t) => t.name).join(", ")}
            </span>
          </summary>
          {p.description ? <p className="muted small">{p.description}</p> : null}
          <p className="small">
            Policy id <code>{p.policyId}</code> · targets:{" "}
            {p.targets.map((t, i) => (
              <span key={t.id}>
                {i > 0 ? ", " : ""}
                {t.name} <code className="muted">{t.id}</code>
              </span>
            ))}
          </p>
          <pre aria-label={`${p.name} policy document`}>{p.content}</pre>
        </details>
      ))}
    </div>
  );
}
