import { describe, expect, it } from "vitest";
import { findByKey } from "../src/server/request-context";

describe("findByKey", () => {
  const items = [
    { name: "a", arn: "arn:a" },
    { name: "b", arn: "arn:b" },
    { name: "a", arn: "arn:a2" },
  ];

  it("finds an item by any of its keys, the first one when keys collide (as Array.find)", () => {
    const keys = (i: (typeof items)[number]) => [i.name, i.arn];
    expect(findByKey(items, "name-or-arn", keys, "a")).toBe(items[0]);
    expect(findByKey(items, "name-or-arn", keys, "arn:b")).toBe(items[1]);
    expect(findByKey(items, "name-or-arn", keys, "arn:a2")).toBe(items[2]);
    expect(findByKey(items, "name-or-arn", keys, "missing")).toBeUndefined();
  });

  it("builds each index once per list and name", () => {
    let calls = 0;
    const keys = (i: (typeof items)[number]) => {
      calls++;
      return [i.name];
    };
    findByKey(items, "counted", keys, "a");
    findByKey(items, "counted", keys, "b");
    expect(calls).toBe(items.length);
    findByKey(items, "other", keys, "b");
    expect(calls).toBe(items.length * 2);
  });
});
