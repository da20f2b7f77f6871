import { describe, expect, it } from "vitest";
import { diffFields, diffFromResourceChange, formatValue } from "./field-diff";

describe("diffFields", () => {
  it("walks objects and arrays down to the changed leaves", () => {
    expect(
      diffFields(
        { A: 1, B: { C: "x", D: [1, 2] }, E: "gone" },
        { A: 1, B: { C: "y", D: [1, 3, 4] }, F: true },
      ),
    ).toEqual([
      { path: "B.C", kind: "changed", before: "x", after: "y" },
      { path: "B.D[1]", kind: "changed", before: 2, after: 3 },
      { path: "B.D[2]", kind: "added", after: 4 },
      { path: "E", kind: "removed", before: "gone" },
      { path: "F", kind: "added", after: true },
    ]);
  });

  it("quotes keys that are not identifiers and stops at the limit", () => {
    expect(diffFields({ "a b": 1 }, { "a b": 2 })).toEqual([
      { path: '"a b"', kind: "changed", before: 1, after: 2 },
    ]);
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(diffFields(before, {}, "", 10)).toHaveLength(10);
  });
});

describe("diffFromResourceChange", () => {
  it("expands the stored top-level before/after pairs", () => {
    expect(
      diffFromResourceChange({
        SecurityGroups: { before: [{ GroupId: "sg-1" }], after: [{ GroupId: "sg-2" }] },
        MetadataOptions: { before: null, after: { HttpTokens: "required" } },
      }),
    ).toEqual([
      { path: "SecurityGroups[0].GroupId", kind: "changed", before: "sg-1", after: "sg-2" },
      { path: "MetadataOptions", kind: "added", after: { HttpTokens: "required" } },
    ]);
    expect(diffFromResourceChange(null)).toEqual([]);
  });

  it("formats values briefly", () => {
    expect(formatValue("a")).toBe('"a"');
    expect(formatValue(undefined)).toBe("—");
    expect(formatValue("x".repeat(400), 10)).toHaveLength(10);
  });
});
