"use client";

import { useState } from "react";
import styles from "./inventory.module.css";
import { HydrationGate } from "@/components/hydration-gate";

type TJson = null | boolean | number | string | TJson[] | { [k: string]: TJson };

const isObject = (v: unknown): v is Record<string, TJson> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function Scalar({ value }: { value: TJson }) {
  if (value === null) return <span className={styles.jNull}>null</span>;
  if (typeof value === "string")
    return <span className={styles.jString}>{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className={styles.jNumber}>{value}</span>;
  if (typeof value === "boolean") return <span className={styles.jBool}>{String(value)}</span>;
  return null;
}

function Node({
  name,
  value,
  depth,
  openDepth,
}: {
  name: string | null;
  value: TJson;
  depth: number;
  openDepth: number;
}) {
  const label = name === null ? null : <span className={styles.jKey}>{name}: </span>;
  if (!Array.isArray(value) && !isObject(value)) {
    return (
      <li className={styles.jLeaf}>
        {label}
        <Scalar value={value} />
      </li>
    );
  }
  const entries: [string, TJson][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <li className={styles.jLeaf}>
        {label}
        <span className={styles.jPunct}>
          {open}
          {close}
        </span>
      </li>
    );
  }
  const summary = Array.isArray(value)
    ? `${entries.length} item${entries.length === 1 ? "" : "s"}`
    : `${entries.length} key${entries.length === 1 ? "" : "s"}`;
  return (
    <li>
      <details open={depth < openDepth}>
        <summary>
          {label}
          <span className={styles.jPunct}>{open}</span>
          <span className={styles.jCount}> {summary} </span>
          <span className={styles.jPunct}>{close}</span>
        </summary>
        <ul className={styles.jList} role="group">
          {entries.map(([k, v]) => (
            <Node
              key={k}
              name={Array.isArray(value) ? `[${k}]` : k}
              value={v}
              depth={depth + 1}
              openDepth={openDepth}
            />
          ))}
        </ul>
      </details>
    </li>
  );
}

/**
 * A collapsible JSON tree built on <details>/<summary>: every object and array is a native
 * disclosure widget (Tab to reach, Enter or Space to open), no dependency needed.
 */
export function JsonViewer({
  value,
  label,
  initialDepth = 2,
}: {
  value: unknown;
  label: string;
  initialDepth?: number;
}) {
  const [state, setState] = useState({ depth: initialDepth, generation: 0 });
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const text = JSON.stringify(value, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className={styles.json}>
      <HydrationGate>
        <div className="row">
          <button
            type="button"
            className="button secondary"
            onClick={() => setState((s) => ({ depth: 64, generation: s.generation + 1 }))}
          >
            Expand all
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setState((s) => ({ depth: 1, generation: s.generation + 1 }))}
          >
            Collapse all
          </button>
          <button type="button" className="button secondary" onClick={() => void copy()}>
            Copy JSON
          </button>
          <span role="status" className="muted">
            {copied === "done"
              ? "Copied."
              : copied === "failed"
                ? "Copy failed: select the text instead."
                : ""}
          </span>
        </div>
        <ul className={styles.jRoot} aria-label={label} key={state.generation}>
          <Node name={null} value={value as TJson} depth={0} openDepth={state.depth} />
        </ul>
      </HydrationGate>
    </div>
  );
}
