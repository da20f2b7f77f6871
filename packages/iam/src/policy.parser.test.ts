import { describe, expect, it } from "vitest";
import { parsePolicyDocument } from "./policy.parser";

const ADMIN = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } };

// Seeded PRNG (mulberry32) so the fuzz cases are reproducible.
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("parsePolicyDocument", () => {
  it("normalises a single statement object and scalar values into arrays", () => {
    const result = parsePolicyDocument(ADMIN);
    expect(result).toEqual({
      ok: true,
      policy: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }],
      },
    });
  });

  it("accepts JSON text and URL-encoded JSON text as IAM returns it", () => {
    const text = JSON.stringify(ADMIN);
    const fromText = parsePolicyDocument(text);
    const fromEncoded = parsePolicyDocument(encodeURIComponent(text));
    expect(fromText.ok).toBe(true);
    expect(fromEncoded).toEqual(fromText);
  });

  it("decodes form-style '+' spaces when plain percent-decoding gives invalid JSON", () => {
    const encoded = encodeURIComponent(JSON.stringify(ADMIN, null, 1)).replace(/%20/g, "+");
    expect(parsePolicyDocument(encoded).ok).toBe(true);
  });

  it("normalises principals, conditions and condition operator spelling", () => {
    const result = parsePolicyDocument({
      Statement: [
        {
          Sid: "Trust",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:root", Service: ["ec2.amazonaws.com"] },
          Action: "sts:AssumeRole",
          Condition: {
            stringequals: { "sts:ExternalId": "abc" },
            Bool: { "aws:SecureTransport": true },
          },
        },
      ],
    });
    expect(result.ok && result.policy.Statement[0]).toEqual({
      Sid: "Trust",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:root"], Service: ["ec2.amazonaws.com"] },
      Action: ["sts:AssumeRole"],
      Condition: {
        StringEquals: { "sts:ExternalId": ["abc"] },
        Bool: { "aws:SecureTransport": ["true"] },
      },
    });
  });

  it.each([
    [null, "no policy document"],
    ["", "empty"],
    ["not json", "neither JSON"],
    ["{", "invalid JSON"],
    ["[]", "must be a JSON object"],
    [{ Version: "2012-10-17" }, "missing Statement"],
    [{ Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }, "Effect"],
    [{ Statement: [{ Effect: "Allow", Resource: "*" }] }, "Action or NotAction is required"],
    [{ Statement: [{ Effect: "Allow", Action: "*", NotAction: "s3:*" }] }, "cannot both"],
    [{ Statement: [{ Effect: "Allow", Action: "s3GetObject" }] }, "service:action"],
    [
      { Statement: [{ Effect: "Allow", Action: "*", Principal: { Bogus: "x" } }] },
      "principal type",
    ],
    [
      { Statement: [{ Effect: "Allow", Action: "*", Condition: { StringSorta: { k: "v" } } }] },
      "operator",
    ],
    [
      { Statement: [{ Effect: "Allow", Action: "*", Condition: { Null: { k: null } } }] },
      "must be a string",
    ],
    [{ Statement: [{ Effect: "Allow", Action: "*", Resource: 42 }] }, "non-empty string"],
    [{ Statement: [], Extra: 1 }, "unknown top-level element"],
  ])("reports a malformed document %# without throwing", (input, message) => {
    const result = parsePolicyDocument(input as never);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(message);
  });

  it("accepts a policy it produced and returns it unchanged", () => {
    const first = parsePolicyDocument(JSON.stringify(ADMIN));
    if (!first.ok) throw new Error(first.error);
    const again = parsePolicyDocument(first.policy as unknown as Record<string, unknown>);
    expect(again.ok && again.policy).toBe(first.policy);
  });

  it("returns the same frozen policy for the same text (cache)", () => {
    const text = JSON.stringify(ADMIN);
    const a = parsePolicyDocument(text);
    const b = parsePolicyDocument(` ${text}`.trim());
    expect(a.ok && b.ok && a.policy === b.policy).toBe(true);
    expect(a.ok && Object.isFrozen(a.policy.Statement[0])).toBe(true);
  });

  it("never throws on 2,000 random and mutated documents (seeded fuzz)", () => {
    const random = createRandom(20261123);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const atoms: unknown[] = [
      null,
      true,
      0,
      -1,
      1.5,
      "",
      "*",
      "s3:Get*",
      "Allow",
      "Deny",
      [],
      {},
      "%7B",
      "{",
    ];
    const randomValue = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.4) return pick(atoms);
      if (roll < 0.7)
        return Array.from({ length: Math.floor(random() * 3) }, () => randomValue(depth + 1));
      const keys = [
        "Statement",
        "Effect",
        "Action",
        "NotAction",
        "Resource",
        "Principal",
        "AWS",
        "Condition",
        "StringEquals",
        "Sid",
        "x",
      ];
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [
          pick(keys),
          randomValue(depth + 1),
        ]),
      );
    };
    const valid = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: "arn:aws:s3:::b/*",
          Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        },
      ],
    });
    let malformed = 0;
    for (let i = 0; i < 2000; i++) {
      let input: unknown;
      const mode = i % 4;
      if (mode === 0) input = randomValue(0);
      else if (mode === 1) input = { Statement: randomValue(1) };
      else {
        const chars = [...valid];
        const edits = 1 + Math.floor(random() * 4);
        for (let e = 0; e < edits; e++) {
          const at = Math.floor(random() * chars.length);
          chars.splice(
            at,
            Math.floor(random() * 3),
            pick(["", "{", "}", '"', ",", ":", "[", "%", "x"]),
          );
        }
        input = mode === 2 ? chars.join("") : encodeURIComponent(chars.join(""));
      }
      let result: ReturnType<typeof parsePolicyDocument> | undefined;
      expect(() => {
        result = parsePolicyDocument(input as never);
      }).not.toThrow();
      expect(result).toBeDefined();
      if (result && !result.ok) {
        malformed++;
        expect(typeof result.error).toBe("string");
        expect(result.error.length).toBeGreaterThan(0);
      }
      if (result?.ok) expect(Array.isArray(result.policy.Statement)).toBe(true);
    }
    expect(malformed).toBeGreaterThan(1000);
  });
});
