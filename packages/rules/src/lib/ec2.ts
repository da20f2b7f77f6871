import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { notApplicable, unable, type TRuleVerdict } from "../rule";
import { listOpenIngress, type TOpenIngress } from "./security-groups";
import { asRecord, asString } from "./values";

export function instanceState(instance: TCollectedResource): string | null {
  return asString(asRecord(instance.configuration.State)?.Name);
}

/** Terminated (or terminating) instances have nothing left to secure. */
export function skipGoneInstance(instance: TCollectedResource): TRuleVerdict | null {
  const state = instanceState(instance);
  return state === "terminated" || state === "shutting-down"
    ? notApplicable(`Instance is ${state}`, { "State.Name": state })
    : null;
}

export interface TInstanceExposure {
  publicIp: string | null;
  openIngress: TOpenIngress[];
  isPublic: boolean;
}

/**
 * Publicly reachable = a public IPv4 (or an IPv6 address) AND an inbound rule open to the internet
 * on one of its security groups. Returns an UNABLE verdict when a security group is not in the
 * inventory.
 */
export function analyzeInstanceExposure(
  instance: TCollectedResource,
  ctx: TRuleContext,
): TInstanceExposure | TRuleVerdict {
  return ctx.memoFor("instance-exposure", instance, () => {
    const publicIp =
      asString(instance.configuration.PublicIpAddress) ??
      asString(instance.configuration.Ipv6Address);
    const { groups, missing } = ctx.instanceSecurityGroups(instance);
    if (missing.length > 0) {
      return unable("Security groups of the instance were not found in the inventory", {
        missingSecurityGroups: missing,
      });
    }
    const openIngress: TOpenIngress[] = [];
    for (const sg of groups) {
      for (const rule of ctx.memoFor("open-ingress", sg, () => listOpenIngress(sg))) openIngress.push(rule);
    }
    return { publicIp, openIngress, isPublic: publicIp !== null && openIngress.length > 0 };
  });
}

export function isVerdict(value: unknown): value is TRuleVerdict {
  return typeof value === "object" && value !== null && "status" in value && "evidence" in value;
}
