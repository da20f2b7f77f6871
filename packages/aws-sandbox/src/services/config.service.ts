/** AWS Config: configuration recorders and their status. */
import { SandboxError } from "../server/sandbox-error";
import { getRegionBlock, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

function selectByName(ctx: TRequestContext, items: TAwsObject[], field = "name"): TAwsObject[] {
  const names = Array.isArray(ctx.input.ConfigurationRecorderNames) ? (ctx.input.ConfigurationRecorderNames as string[]) : [];
  if (names.length === 0) return items;
  const missing = names.filter((name) => !items.some((item) => item[field] === name));
  if (missing.length > 0) {
    throw new SandboxError("NoSuchConfigurationRecorderException", `Cannot find configuration recorder with the specified name '${missing[0]}'.`);
  }
  return items.filter((item) => names.includes(String(item[field])));
}

export const CONFIG_HANDLERS: Record<string, THandler> = {
  DescribeConfigurationRecorders(ctx) {
    return { ConfigurationRecorders: selectByName(ctx, getRegionBlock(ctx).config?.ConfigurationRecorders ?? []) };
  },
  DescribeConfigurationRecorderStatus(ctx) {
    return { ConfigurationRecordersStatus: selectByName(ctx, getRegionBlock(ctx).config?.ConfigurationRecordersStatus ?? []) };
  },
};
