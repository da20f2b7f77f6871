import { describe, expect, it } from "vitest";
import { parseTrendParams, trendHref } from "./trend-params";

describe("parseTrendParams", () => {
  it("defaults to 30 days and the role's default scope", () => {
    expect(parseTrendParams({})).toEqual({ range: "30d", target: null });
  });
  it("reads range, scope and id (and bare day counts)", () => {
    expect(parseTrendParams({ range: "365", scope: "ACCOUNT", id: "123456789012" })).toEqual({
      range: "365d",
      target: { type: "ACCOUNT", id: "123456789012" },
    });
    expect(parseTrendParams(new URLSearchParams("range=90d&scope=OU&id=ou-ab12-x1y2"))).toEqual({
      range: "90d",
      target: { type: "OU", id: "ou-ab12-x1y2" },
    });
    expect(parseTrendParams({ scope: "TENANT", id: "ignored" }).target).toEqual({ type: "TENANT" });
  });
  it("rejects a bad range, scope or id with a VALIDATION error", () => {
    for (const params of [
      { range: "7d" },
      { scope: "REGION" },
      { scope: "ACCOUNT", id: "12" },
      { scope: "BUSINESS_UNIT" },
    ]) {
      expect(() => parseTrendParams(params)).toThrow(
        expect.objectContaining({ code: "VALIDATION" }),
      );
    }
  });
  it("round-trips through trendHref", () => {
    const href = trendHref("90d", {
      type: "BUSINESS_UNIT",
      id: "0b7c1a52-4f3e-4a55-9a1f-2f7f5d1e9c11",
    });
    expect(parseTrendParams(new URL(href, "http://x").searchParams)).toEqual({
      range: "90d",
      target: { type: "BUSINESS_UNIT", id: "0b7c1a52-4f3e-4a55-9a1f-2f7f5d1e9c11" },
    });
  });
});
