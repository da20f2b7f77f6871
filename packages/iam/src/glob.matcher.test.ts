import { describe, expect, it } from "vitest";
import {
  GLOB_ESCAPE,
  globCovers,
  globsIntersect,
  matchAction,
  matchGlob,
  resourceCovers,
  resourceIntersects,
} from "./glob.matcher";

describe("glob matching", () => {
  it("matches * and ? with actions case-insensitive and resources case-sensitive", () => {
    expect(matchAction("s3:Get*", "S3:GETOBJECT")).toBe(true);
    expect(matchAction("ec2:Describe?nstances", "ec2:DescribeInstances")).toBe(true);
    expect(matchGlob("arn:aws:s3:::Bucket/*", "arn:aws:s3:::bucket/x")).toBe(false);
    expect(matchGlob("a.b+(c)", "a.b+(c)")).toBe(true);
  });

  it("does not let a wildcard spill over an ARN segment", () => {
    expect(resourceIntersects("arn:aws:iam::*:role/x", "arn:aws:iam::111111111111:role/x")).toBe(
      true,
    );
    expect(resourceIntersects("arn:aws:iam::1*:role/x", "arn:aws:iam::111111111111:user/x")).toBe(
      false,
    );
    expect(resourceIntersects("arn:aws:s3:::*", "arn:aws:s3:::bucket/key:with:colons")).toBe(true);
  });

  it("decides intersection and coverage of two patterns", () => {
    expect(globsIntersect("user/a*", "user/*b")).toBe(true);
    expect(globsIntersect("user/a*", "user/b*")).toBe(false);
    expect(globCovers("user/*", "user/a*")).toBe(true);
    expect(globCovers("user/a*", "user/*")).toBe(false);
    expect(globCovers("user/?", "user/*")).toBe(false);
    expect(
      resourceCovers("arn:aws:iam::111111111111:policy/*", "arn:aws:iam::111111111111:policy/*"),
    ).toBe(true);
    expect(
      resourceIntersects("arn:aws:iam::aws:policy/*", "arn:aws:iam::111111111111:policy/*"),
    ).toBe(false);
  });

  it("treats escaped characters (policy variables ${*}) as literals", () => {
    const literalStar = `file${GLOB_ESCAPE}*`;
    expect(matchGlob(literalStar, "file*")).toBe(true);
    expect(matchGlob(literalStar, "file1")).toBe(false);
    expect(globsIntersect(literalStar, "file?")).toBe(true);
    expect(globCovers(literalStar, "file*")).toBe(false);
    expect(resourceIntersects(`arn:aws:s3:::b/${GLOB_ESCAPE}*`, "arn:aws:s3:::b/x")).toBe(false);
  });
});
