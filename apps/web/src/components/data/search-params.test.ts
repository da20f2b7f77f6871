import { describe, expect, it } from "vitest";
import { hrefToggling, hrefWith, toUrlSearchParams } from "./search-params";

describe("URL filters", () => {
  const current = toUrlSearchParams({
    severity: ["HIGH", "LOW"],
    status: "OPEN",
    page: "3",
    empty: "",
  });

  it("keeps repeated keys and drops empty values", () => {
    expect(current.toString()).toBe("severity=HIGH&severity=LOW&status=OPEN&page=3");
  });

  it("changes, removes and replaces params, back to the first page", () => {
    expect(hrefWith("/findings", current, { status: null })).toBe(
      "/findings?severity=HIGH&severity=LOW",
    );
    expect(hrefWith("/findings", current, { sort: "dueAt" })).toBe(
      "/findings?severity=HIGH&severity=LOW&status=OPEN&sort=dueAt",
    );
    expect(hrefWith("/findings", current, { page: "4" })).toBe(
      "/findings?severity=HIGH&severity=LOW&status=OPEN&page=4",
    );
    expect(hrefWith("/findings", new URLSearchParams(), { severity: null })).toBe("/findings");
  });

  it("toggles one value of a multi-value filter", () => {
    expect(hrefToggling("/findings", current, "severity", "LOW", ["HIGH", "LOW"])).toBe(
      "/findings?status=OPEN&severity=HIGH",
    );
    expect(hrefToggling("/findings", current, "severity", "CRITICAL", ["HIGH", "LOW"])).toBe(
      "/findings?status=OPEN&severity=HIGH&severity=LOW&severity=CRITICAL",
    );
    expect(hrefToggling("/findings", current, "status", "OPEN", ["OPEN"])).toBe(
      "/findings?severity=HIGH&severity=LOW",
    );
  });
});
