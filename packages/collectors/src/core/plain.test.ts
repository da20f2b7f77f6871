import { describe, expect, it } from "vitest";
import { decodePolicyDocument, tagsFromList, tagsFromMap, toPlain } from "./plain";

describe("toPlain", () => {
  it("turns Dates into ISO strings, drops undefined and $metadata, keeps AWS field names", () => {
    const out = toPlain({
      $metadata: { httpStatusCode: 200 },
      LaunchTime: new Date("2024-01-02T03:04:05Z"),
      State: { Code: 16, Name: "running" },
      Missing: undefined,
      Nested: [{ CreateDate: new Date("2020-01-01T00:00:00Z") }],
      Blob: new Uint8Array([104, 105]),
    });
    expect(out).toEqual({
      LaunchTime: "2024-01-02T03:04:05.000Z",
      State: { Code: 16, Name: "running" },
      Nested: [{ CreateDate: "2020-01-01T00:00:00.000Z" }],
      Blob: "aGk=",
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe("decodePolicyDocument", () => {
  const doc =
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
  it("decodes IAM's URL-encoded documents once", () => {
    expect(decodePolicyDocument(encodeURIComponent(doc))).toBe(doc);
  });
  it("leaves plain JSON alone, even with % inside", () => {
    const withPercent = '{"Statement":[{"Condition":{"StringLike":{"s3:prefix":"100%"}}}]}';
    expect(decodePolicyDocument(withPercent)).toBe(withPercent);
    expect(decodePolicyDocument(doc)).toBe(doc);
  });
  it("does not double-decode an encoded % sign", () => {
    const encoded = encodeURIComponent('{"a":"50%25"}');
    expect(decodePolicyDocument(encoded)).toBe('{"a":"50%25"}');
  });
  it("maps absent documents to null and keeps undecodable strings", () => {
    expect(decodePolicyDocument(undefined)).toBeNull();
    expect(decodePolicyDocument("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("tags", () => {
  it("maps tag lists and maps", () => {
    expect(
      tagsFromList([{ Key: "Name", Value: "web" }, { Key: "Empty" }, { Value: "orphan" }]),
    ).toEqual({
      Name: "web",
      Empty: "",
    });
    expect(tagsFromList(undefined)).toEqual({});
    expect(tagsFromMap({ team: "payments", gone: undefined })).toEqual({ team: "payments" });
  });
});
