"use client";

import type { TOrgNode } from "@guardrail/core";
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { StatusBadge } from "@/components/status-badge";
import styles from "./organization.module.css";

interface TVisible {
  node: TOrgNode;
  level: number;
  parentId: string | null;
}

function flatten(
  nodes: TOrgNode[],
  expanded: Set<string>,
  level = 1,
  parentId: string | null = null,
  out: TVisible[] = [],
): TVisible[] {
  for (const node of nodes) {
    out.push({ node, level, parentId });
    if (node.children.length && expanded.has(node.id))
      flatten(node.children, expanded, level + 1, node.id, out);
  }
  return out;
}

function health(node: TOrgNode): string {
  if (node.kind !== "ACCOUNT") {
    return node.unreachableAccounts === 0
      ? `all ${node.accountCount} accounts reachable`
      : `${node.unreachableAccounts} of ${node.accountCount} accounts unreachable`;
  }
  return node.accessError ?? node.access.replaceAll("_", " ").toLowerCase();
}

/**
 * The OU/account tree (WAI-ARIA tree pattern): ↑/↓ move, → expands or enters, ← collapses or
 * goes to the parent, Home/End, Enter/Space toggle. Each node shows its score and connection health.
 */
export function OrgTree({
  roots,
  policyNames,
}: {
  roots: TOrgNode[];
  policyNames: Record<string, string>;
}) {
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(roots.map((r) => r.id)));
  const [focused, setFocused] = useState<string | null>(roots[0]?.id ?? null);
  const refs = useRef(new Map<string, HTMLLIElement>());
  const visible = useMemo(() => flatten(roots, expanded), [roots, expanded]);

  const focus = (id: string | undefined) => {
    if (!id) return;
    setFocused(id);
    refs.current.get(id)?.focus();
  };
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, v: TVisible) => {
    const i = visible.findIndex((x) => x.node.id === v.node.id);
    const hasChildren = v.node.children.length > 0;
    const open = expanded.has(v.node.id);
    let handled = true;
    switch (e.key) {
      case "ArrowDown":
        focus(visible[i + 1]?.node.id);
        break;
      case "ArrowUp":
        focus(visible[i - 1]?.node.id);
        break;
      case "ArrowRight":
        if (hasChildren && !open) toggle(v.node.id);
        else if (hasChildren) focus(v.node.children[0]?.id);
        break;
      case "ArrowLeft":
        if (hasChildren && open) toggle(v.node.id);
        else focus(v.parentId ?? undefined);
        break;
      case "Home":
        focus(visible[0]?.node.id);
        break;
      case "End":
        focus(visible.at(-1)?.node.id);
        break;
      case "Enter":
      case " ":
        if (hasChildren) toggle(v.node.id);
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const render = (nodes: TOrgNode[], level: number, parentId: string | null) =>
    nodes.map((node) => {
      const hasChildren = node.children.length > 0;
      const open = expanded.has(node.id);
      const v = { node, level, parentId };
      return (
        <li
          key={node.id}
          role="treeitem"
          aria-level={level}
          aria-expanded={hasChildren ? open : undefined}
          aria-label={`${node.name} (${node.kind === "ACCOUNT" ? node.id : node.kind.toLowerCase()}), score ${node.score === null ? "none yet" : node.score.toFixed(1)}, ${health(node)}`}
          tabIndex={focused === node.id ? 0 : -1}
          className={styles.item}
          data-node-id={node.id}
          ref={(el) => {
            if (el) refs.current.set(node.id, el);
            else refs.current.delete(node.id);
          }}
          onKeyDown={(e) => onKeyDown(e, v)}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocused(node.id);
          }}
        >
          <div
            className={styles.rowLine}
            style={{ paddingLeft: `${(level - 1) * 1.25 + 0.4}rem` }}
            onClick={() => {
              setFocused(node.id);
              if (hasChildren) toggle(node.id);
            }}
          >
            <span className={styles.toggle} aria-hidden="true">
              {hasChildren ? (open ? "▾" : "▸") : "·"}
            </span>
            <span className={styles.kind}>
              {node.kind === "ROOT" ? "root" : node.kind === "OU" ? "OU" : "account"}
            </span>
            <span className={styles.name}>{node.name}</span>
            {node.kind === "ACCOUNT" ? <span className="muted small">{node.id}</span> : null}
            {node.isManagement ? <span className="badge status-warn">management</span> : null}
            {node.policyIds.length ? (
              <span
                className="muted small"
                title={node.policyIds.map((p) => policyNames[p] ?? p).join(", ")}
              >
                {node.policyIds.length} polic{node.policyIds.length === 1 ? "y" : "ies"} attached
              </span>
            ) : null}
            <span className={styles.meta}>
              {node.openCritical > 0 ? (
                <span className="badge sev-CRITICAL">{node.openCritical} critical</span>
              ) : null}
              {node.kind === "ACCOUNT" ? (
                <StatusBadge status={node.access} />
              ) : node.unreachableAccounts > 0 ? (
                <span className="badge status-bad">{node.unreachableAccounts} unreachable</span>
              ) : (
                <span className="badge status-ok">{node.accountCount} reachable</span>
              )}
              <span className={styles.score} title="Posture score">
                {node.score === null ? "—" : node.score.toFixed(1)}
              </span>
            </span>
          </div>
          {node.kind === "ACCOUNT" && node.accessError ? (
            <div
              className="small"
              style={{ color: "var(--danger)", paddingLeft: `${(level - 1) * 1.25 + 2}rem` }}
            >
              {node.accessError}
            </div>
          ) : null}
          {hasChildren && open ? (
            <ul role="group">{render(node.children, level + 1, node.id)}</ul>
          ) : null}
        </li>
      );
    });

  if (roots.length === 0)
    return <p className="muted">The organization has not been read yet — first scan pending.</p>;
  return (
    <ul
      role="tree"
      aria-label="Organizational units and accounts"
      className={styles.tree}
      data-testid="org-tree"
    >
      {render(roots, 1, null)}
    </ul>
  );
}
