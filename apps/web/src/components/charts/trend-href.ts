/** Client-safe (no @guardrail/core import): the URL of a trend view. */
export type TTrendHrefTarget =
  | { type: "TENANT" }
  | { type: "OU" | "BUSINESS_UNIT" | "ACCOUNT"; id: string };

export function trendHref(range: "30d" | "90d" | "365d", target: TTrendHrefTarget | null): string {
  const q = new URLSearchParams({ range });
  if (target) {
    q.set("scope", target.type);
    if (target.type !== "TENANT") q.set("id", target.id);
  }
  return `/trends?${q.toString()}`;
}
