import type { TRelatedResource } from "@guardrail/core";
import Link from "next/link";
import styles from "./inventory.module.css";

/** Related resources grouped by relation; those not in the inventory are listed by ARN only. */
export function RelatedResources({ related }: { related: TRelatedResource[] }) {
  if (related.length === 0)
    return <p className="muted">No related resource found in the inventory.</p>;
  return (
    <table className={styles.table} aria-label="Related resources">
      <thead>
        <tr>
          <th scope="col">Relation</th>
          <th scope="col">Resource</th>
        </tr>
      </thead>
      <tbody>
        {related.map((r) => (
          <tr key={`${r.relation}\u0000${r.resourceId}`}>
            <td>{r.relation}</td>
            <td>
              {r.id ? (
                <Link href={`/inventory/${r.id}`}>
                  {r.name ?? r.resourceId.split(/[/:]/).pop()}
                </Link>
              ) : (
                <span className="muted">not in the inventory (or outside your business units)</span>
              )}
              {r.deleted ? <span className={`badge ${styles.deleted}`}> deleted</span> : null}
              <div className={styles.arn}>
                {r.resourceType ? `${r.resourceType.replace(/^AWS::/, "")} · ` : ""}
                {r.resourceId}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
