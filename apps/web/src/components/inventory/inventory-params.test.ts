import { describe, expect, it } from "vitest";
import { hasAnyFilter, inventoryHref, parseInventoryParams, toggleHref } from "./inventory-params";

describe("inventory URL parameters", () => {
  it("reads one or many values, the sort and the cursor, from a page's searchParams or a URL", () => {
    const q = parseInventoryParams({
      q: "bucket",
      accountId: ["111111111111", "222222222222"],
      sort: "type",
      dir: "desc",
      after: "abc",
    });
    expect(q.filters).toMatchObject({ q: "bucket", accountId: ["111111111111", "222222222222"] });
    expect(q.sort).toEqual({ by: "type", dir: "desc" });
    expect(q.page).toEqual({ size: 50, after: "abc" });
    const u = parseInventoryParams(new URLSearchParams("service=s3&service=ec2&q="));
    expect(u.filters).toEqual({ service: ["s3", "ec2"] });
    expect(hasAnyFilter(u.filters)).toBe(true);
    expect(hasAnyFilter(parseInventoryParams({}).filters)).toBe(false);
  });

  it("rejects invalid values with a validation error", () => {
    expect(() => parseInventoryParams({ accountId: "12" })).toThrow(/12 digits/);
    expect(() => parseInventoryParams({ sort: "name" })).toThrow();
    expect(() => parseInventoryParams({ size: "1000" })).toThrow();
  });

  it("builds links that toggle a filter and drop the cursor", () => {
    const q = parseInventoryParams({ service: "s3", after: "abc", sort: "lastSeen" });
    expect(toggleHref(q, "region", "eu-west-1")).toBe(
      "/inventory?region=eu-west-1&service=s3&sort=lastSeen",
    );
    expect(toggleHref(q, "service", "s3")).toBe("/inventory?sort=lastSeen");
    expect(toggleHref(q, "hasFindings", "yes", true)).toBe(
      "/inventory?service=s3&hasFindings=yes&sort=lastSeen",
    );
    expect(inventoryHref(q, { after: "next" })).toBe(
      "/inventory?service=s3&sort=lastSeen&after=next",
    );
  });
});
