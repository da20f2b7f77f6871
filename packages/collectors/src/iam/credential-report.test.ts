import { describe, expect, it } from "vitest";
import { parseCredentialReport, parseCsv } from "./credential-report";

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, CRLF and a missing trailing newline", () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi"""\n3,')).toEqual([
      ["a", "b"],
      ["x,1", 'say "hi"'],
      ["3", ""],
    ]);
  });
});

describe("parseCredentialReport", () => {
  it("keys each row by the header, root row included, dates as AWS writes them", () => {
    const csv = [
      "user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_1_last_rotated",
      "<root_account>,arn:aws:iam::111111111111:root,2019-01-01T00:00:00+00:00,not_supported,true,false,N/A",
      "alice,arn:aws:iam::111111111111:user/alice,2020-05-06T07:08:09+00:00,true,false,true,2021-01-01T00:00:00+00:00",
      "",
    ].join("\n");
    const rows = parseCredentialReport(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      user: "<root_account>",
      mfa_active: "true",
      access_key_1_last_rotated: "N/A",
    });
    expect(rows[1]).toEqual({
      user: "alice",
      arn: "arn:aws:iam::111111111111:user/alice",
      user_creation_time: "2020-05-06T07:08:09+00:00",
      password_enabled: "true",
      mfa_active: "false",
      access_key_1_active: "true",
      access_key_1_last_rotated: "2021-01-01T00:00:00+00:00",
    });
  });
  it("returns no rows for an empty report", () => {
    expect(parseCredentialReport("")).toEqual([]);
  });
});
