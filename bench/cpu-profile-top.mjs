#!/usr/bin/env node
/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per package
 * (node_modules/<pkg>, or the workspace folder), the heaviest first.
 *
 *   node bench/cpu-profile-top.mjs <file.cpuprofile> [--top 30]
 */
import { readFileSync } from "node:fs";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bench/cpu-profile-top.mjs <file.cpuprofile> [--top 30]\n");
  process.exit(2);
}
const topIndex = process.argv.indexOf("--top");
const top = topIndex > 0 ? Number(process.argv[topIndex + 1]) : 30;
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function packageOf(url) {
  if (!url) return "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const m = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (m) return `${m[1]}/${m[2]}`;
  if (url.startsWith("node:")) return "node";
  return url;
}

const fnTotals = new Map();
const pkgTotals = new Map();
for (const [id, us] of selfUs) {
  const node = byId.get(id);
  const cf = node.callFrame;
  const name = `${cf.functionName || "(anonymous)"} ${packageOf(cf.url)}:${cf.lineNumber + 1}`;
  fnTotals.set(name, (fnTotals.get(name) ?? 0) + us);
  const pkg = packageOf(cf.url);
  pkgTotals.set(pkg, (pkgTotals.get(pkg) ?? 0) + us);
}
const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const wall = (profile.endTime - profile.startTime) / 1e6;
console.log(`profile ${wall.toFixed(1)} s, sampled ${(total / 1e6).toFixed(1)} s`);
console.log("\nself time by package:");
for (const [pkg, us] of [...pkgTotals].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us)} ${(us / 1e6).toFixed(1).padStart(7)} s  ${pkg}`);
console.log("\nself time by function:");
for (const [fn, us] of [...fnTotals].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us)} ${(us / 1e6).toFixed(1).padStart(7)} s  ${fn}`);
