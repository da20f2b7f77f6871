/** Lambda: ListFunctions (Marker/NextMarker) and GetPolicy (resource policy). */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler } from "../server/request-context";

export const LAMBDA_HANDLERS: Record<string, THandler> = {
  ListFunctions(ctx) {
    const functions = (getRegionBlock(ctx).lambda?.Functions ?? []).map(({ Policy: _policy, ...fn }) => fn);
    const page = paginate(ctx, functions, { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxItems"), defaultMax: 50, invalidTokenCode: "InvalidParameterValueException" });
    return { Functions: page.items, NextMarker: page.next };
  },
  GetPolicy(ctx) {
    const name = requireString(ctx, "FunctionName", "InvalidParameterValueException");
    const shortName = name.startsWith("arn:") ? (name.split(":")[6] ?? name) : name.split(":")[0]!;
    const functions = getRegionBlock(ctx).lambda?.Functions ?? [];
    const byName = (f: (typeof functions)[number]) => [f.FunctionName, f.FunctionArn];
    const fn = findByKey(functions, "name-or-arn", byName, shortName) ?? findByKey(functions, "name-or-arn", byName, name);
    if (!fn) {
      throw new SandboxError("ResourceNotFoundException", `Function not found: arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${shortName}`);
    }
    if (typeof fn.Policy !== "string") throw new SandboxError("ResourceNotFoundException", "The resource you requested does not exist.");
    return { Policy: fn.Policy, RevisionId: typeof fn.RevisionId === "string" ? fn.RevisionId : "00000000-0000-0000-0000-000000000000" };
  },
};
