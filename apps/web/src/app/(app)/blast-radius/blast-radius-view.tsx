"use client";

import { useCallback, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from "react";
import styles from "./blast-radius.module.css";
import { HydrationGate } from "@/components/hydration-gate";

export interface TViewHop {
  source: string;
  target: string;
  kind: string;
  decision: string;
  action: string | null;
  methodId: string | null;
  conditions: string[];
  reasons: string[];
}
export interface TViewNode {
  nodeId: string;
  kind: string;
  name: string;
  accountId: string | null;
  region: string | null;
}
export interface TViewEntry {
  node: TViewNode;
  depth: number;
  path: TViewHop[];
}

const KIND_COLOR: Record<string, string> = {
  internet: "#b42318",
  anyone: "#b42318",
  "external-account": "#c2410c",
  "account-root": "#8b1a1a",
  "iam-role": "#1f5fbf",
  "iam-user": "#1f5fbf",
  "iam-group": "#526070",
  service: "#526070",
  "ec2-instance": "#15803d",
  "lambda-function": "#15803d",
  "eks-nodegroup": "#15803d",
  "ecs-task": "#15803d",
  "s3-bucket": "#a16207",
  "rds-instance": "#a16207",
  "kms-key": "#a16207",
  "sqs-queue": "#a16207",
  "sns-topic": "#a16207",
  secret: "#a16207",
};
const EDGE_LABEL: Record<string, string> = {
  "exposed-to-internet": "reaches",
  "runs-as": "runs as",
  "can-assume": "can assume",
  "can-escalate": "can escalate",
  "can-move-laterally": "can move to",
  "can-read": "can read",
  "can-write": "can write",
};
const COL = 250;
const ROW = 46;
const ROWS_PER_COLUMN = 10;
const MAX_GRAPH_NODES = 150;

function fitView(layout: { width: number; height: number }, w: number, h: number) {
  return { scale: Math.max(0.15, Math.min(1, (w - 40) / layout.width, (h - 60) / layout.height)), x: 20, y: 50 };
}

function short(text: string, n = 26): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/**
 * The blast radius as an interactive graph (zoom with the wheel or the buttons, pan by dragging,
 * click a node to inspect it and highlight its path) and the same as a list.
 */
export function BlastRadiusView(props: { start: TViewNode; entries: TViewEntry[] }) {
  const { start, entries } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const [kindFilter, setKindFilter] = useState<string>("");
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  const shown = entries.slice(0, MAX_GRAPH_NODES);
  // Layered layout: one band per hop count, wrapped into columns; the rows per column are chosen
  // so that the whole graph fits the canvas at the largest scale.
  const layout = useMemo(() => {
    const byDepth = new Map<number, TViewEntry[]>();
    for (const e of shown) {
      const d = Math.max(1, e.path.length);
      byDepth.set(d, [...(byDepth.get(d) ?? []), e]);
    }
    const depths = [...byDepth.keys()].sort((a, b) => a - b);
    for (const d of depths) {
      (byDepth.get(d) ?? []).sort((a, b) => a.node.kind.localeCompare(b.node.kind) || a.node.name.localeCompare(b.node.name));
    }
    const place = (rows: number) => {
      const pos = new Map<string, { x: number; y: number }>();
      let x = COL;
      let maxRows = 1;
      for (const depth of depths) {
        const list = byDepth.get(depth) ?? [];
        list.forEach((e, i) => pos.set(e.node.nodeId, { x: x + Math.floor(i / rows) * (COL - 40), y: (i % rows) * ROW }));
        maxRows = Math.max(maxRows, Math.min(list.length, rows));
        x += Math.ceil(list.length / rows) * (COL - 40) + 40;
      }
      pos.set(start.nodeId, { x: 0, y: ((maxRows - 1) * ROW) / 2 });
      return { pos, width: x, height: maxRows * ROW };
    };
    let best = place(ROWS_PER_COLUMN);
    for (let rows = 4; rows <= 40; rows += 2) {
      const candidate = place(rows);
      if (fitView(candidate, 760, 520).scale > fitView(best, 760, 520).scale) best = candidate;
    }
    return best;
  }, [shown, start.nodeId]);

  // first render: readable (at least 60 %), starting from the compromised node; Fit shows it all
  const [view, setView] = useState(() => {
    const fitted = fitView(layout, 760, 520);
    return { ...fitted, scale: Math.max(0.6, fitted.scale) };
  });
  const canvasRef = useRef<HTMLDivElement | null>(null);
  const fit = useCallback(() => {
    const el = canvasRef.current;
    setView(fitView(layout, el?.clientWidth ?? 760, el?.clientHeight ?? 520));
  }, [layout]);

  const entryById = useMemo(() => new Map(entries.map((e) => [e.node.nodeId, e])), [entries]);
  const selectedEntry = selected ? entryById.get(selected) : undefined;
  const highlighted = new Set((selectedEntry?.path ?? []).map((h) => `${h.source}|${h.target}`));
  const treeEdges = shown.map((e) => e.path.at(-1)).filter((h): h is TViewHop => h !== undefined && layout.pos.has(h.source));

  const zoom = (factor: number) => setView((v) => ({ ...v, scale: Math.min(3, Math.max(0.2, v.scale * factor)) }));
  const onWheel = (e: WheelEvent) => zoom(e.deltaY < 0 ? 1.1 : 0.9);
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };
  const endDrag = () => {
    drag.current = null;
  };
  const kinds = [...new Set(entries.map((e) => e.node.kind))].sort();
  const listed = kindFilter ? entries.filter((e) => e.node.kind === kindFilter) : entries;
  const nodeName = (id: string) => (id === start.nodeId ? start.name : entryById.get(id)?.node.name ?? id);

  return (
    <div className="stack">
      <HydrationGate>
      <div className={styles.graphWrap}>
        <div
          className={styles.canvas}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerLeave={endDrag}
          ref={canvasRef}
          data-testid="blast-radius-graph"
        >
          <svg width="100%" height="100%" role="img" aria-label={`Access graph from ${start.name}`}>
            <defs>
              <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a96a6" />
              </marker>
              <marker id="arrow-hot" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#b42318" />
              </marker>
            </defs>
            <g transform={`translate(${view.x} ${view.y}) scale(${view.scale})`}>
              {treeEdges.map((h) => {
                const a = layout.pos.get(h.source);
                const b = layout.pos.get(h.target);
                if (!a || !b) return null;
                const hot = highlighted.has(`${h.source}|${h.target}`);
                const x1 = a.x + 180;
                const y1 = a.y + 15;
                const x2 = b.x;
                const y2 = b.y + 15;
                return (
                  <g key={`${h.source}|${h.target}`}>
                    <path
                      d={`M ${x1} ${y1} C ${x1 + 40} ${y1}, ${x2 - 40} ${y2}, ${x2} ${y2}`}
                      fill="none"
                      stroke={hot ? "#b42318" : "#8a96a6"}
                      strokeWidth={hot ? 2.5 : 1.2}
                      strokeDasharray={h.decision === "CONDITIONAL" ? "5 4" : undefined}
                      markerEnd={`url(#${hot ? "arrow-hot" : "arrow"})`}
                    />
                    {hot ? (
                      <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} fontSize="10" fill="#b42318" textAnchor="middle">
                        {EDGE_LABEL[h.kind] ?? h.kind}
                        {h.methodId ? ` ${h.methodId}` : ""}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              {[{ node: start, depth: 0, path: [] as TViewHop[] }, ...shown].map((e) => {
                const p = layout.pos.get(e.node.nodeId);
                if (!p) return null;
                const isSel = selected === e.node.nodeId || (e.depth === 0 && selected === null);
                const onPath = selectedEntry?.path.some((h) => h.source === e.node.nodeId || h.target === e.node.nodeId);
                return (
                  <g
                    key={e.node.nodeId}
                    transform={`translate(${p.x} ${p.y})`}
                    onClick={() => setSelected(e.node.nodeId === start.nodeId ? null : e.node.nodeId)}
                    onPointerDown={(ev) => ev.stopPropagation()}
                    style={{ cursor: "pointer" }}
                    role="button"
                    aria-label={`${e.node.kind} ${e.node.name}`}
                    data-node-id={e.node.nodeId}
                  >
                    <rect
                      width={180}
                      height={30}
                      rx={6}
                      fill={isSel || onPath ? "#fff7ed" : "#ffffff"}
                      stroke={KIND_COLOR[e.node.kind] ?? "#526070"}
                      strokeWidth={isSel ? 3 : onPath ? 2 : 1.2}
                    />
                    <rect width={6} height={30} rx={3} fill={KIND_COLOR[e.node.kind] ?? "#526070"} />
                    <text x={12} y={13} fontSize="11" fontWeight={600} fill="#16202c">
                      {short(e.node.name)}
                    </text>
                    <text x={12} y={25} fontSize="9" fill="#526070">
                      {e.node.kind}
                      {e.node.accountId ? ` · ${e.node.accountId}` : ""}
                    </text>
                  </g>
                );
              })}
            </g>
          </svg>
          <div className={styles.toolbar}>
            <button type="button" className="button secondary" onClick={() => zoom(1.2)} aria-label="Zoom in">
              +
            </button>
            <button type="button" className="button secondary" onClick={() => zoom(1 / 1.2)} aria-label="Zoom out">
              −
            </button>
            <button type="button" className="button secondary" onClick={fit}>
              Fit
            </button>
          </div>
        </div>
        <aside className={styles.inspector} aria-label="Inspector" data-testid="inspector">
          {selectedEntry ? (
            <>
              <h2>{selectedEntry.node.name}</h2>
              <div className="muted small">
                {selectedEntry.node.kind}
                {selectedEntry.node.accountId ? ` · account ${selectedEntry.node.accountId}` : ""}
                {selectedEntry.node.region ? ` · ${selectedEntry.node.region}` : ""}
              </div>
              <div className={styles.mono}>{selectedEntry.node.nodeId}</div>
              <p>
                <strong>Path</strong> ({selectedEntry.path.length} hop{selectedEntry.path.length === 1 ? "" : "s"})
              </p>
              <ol className={styles.hops}>
                {selectedEntry.path.map((h, i) => (
                  <li key={i}>
                    <strong>{nodeName(h.source)}</strong>{" "}
                    <span className={h.decision === "CONDITIONAL" ? styles.conditional : undefined}>
                      {EDGE_LABEL[h.kind] ?? h.kind}
                      {h.methodId ? ` (${h.methodId})` : ""}
                      {h.decision === "CONDITIONAL" ? " — allowed under conditions" : ""}
                    </span>{" "}
                    <strong>{nodeName(h.target)}</strong>
                    {h.action ? <div className={styles.mono}>{h.action}</div> : null}
                    {h.conditions.length ? <div className="small">depends on {h.conditions.join(", ")}</div> : null}
                    {h.reasons.slice(0, 3).map((r, j) => (
                      <div key={j} className="small muted">
                        {r}
                      </div>
                    ))}
                  </li>
                ))}
              </ol>
              {selectedEntry.node.kind !== "internet" ? (
                <p>
                  <a href={`/blast-radius/${encodeURIComponent(selectedEntry.node.nodeId)}`}>Blast radius of {short(selectedEntry.node.name, 40)}</a>
                </p>
              ) : null}
            </>
          ) : (
            <>
              <h2>{start.name}</h2>
              <div className={styles.mono}>{start.nodeId}</div>
              <p className="muted">Click a node to see how it is reached: each hop with the permission that grants it.</p>
              {entries.length > MAX_GRAPH_NODES ? (
                <p className="small muted">The graph shows the {MAX_GRAPH_NODES} closest nodes; the list below has all of them.</p>
              ) : null}
            </>
          )}
        </aside>
      </div>

      <section className="panel" aria-label="Reachable resources">
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h2 style={{ margin: 0 }}>Reachable ({listed.length})</h2>
          <label className="row small">
            Kind
            <select value={kindFilter} onChange={(e) => setKindFilter(e.target.value)} aria-label="Filter by kind">
              <option value="">all</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="table-scroll">
          <table className={styles.table} data-testid="blast-radius-list">
            <thead>
              <tr>
                <th>Resource</th>
                <th>Kind</th>
                <th>Account</th>
                <th>Path (permission per hop)</th>
              </tr>
            </thead>
            <tbody>
              {listed.map((e) => (
                <tr key={e.node.nodeId} aria-selected={selected === e.node.nodeId}>
                  <td>
                    <button type="button" className={styles.linkButton} onClick={() => setSelected(e.node.nodeId)} title={e.node.nodeId}>
                      {e.node.name}
                    </button>
                  </td>
                  <td>{e.node.kind}</td>
                  <td>{e.node.accountId ?? "—"}</td>
                  <td className="small">
                    {e.path.map((h, i) => (
                      <span key={i} className={h.decision === "CONDITIONAL" ? styles.conditional : undefined}>
                        {i > 0 ? " → " : ""}
                        {EDGE_LABEL[h.kind] ?? h.kind}
                        {h.action ? ` [${h.action}]` : ""}
                        {h.methodId ? ` (${h.methodId})` : ""}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      </HydrationGate>
    </div>
  );
}
