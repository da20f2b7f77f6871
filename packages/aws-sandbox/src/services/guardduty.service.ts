/** GuardDuty: detectors of the region. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler } from "../server/request-context";

export const GUARDDUTY_HANDLERS: Record<string, THandler> = {
  ListDetectors(ctx) {
    const ids = (getRegionBlock(ctx).guardduty?.Detectors ?? []).map((d) => String(d.DetectorId));
    const page = paginate(ctx, ids, { token: readString(ctx, "NextToken"), max: readNumber(ctx, "MaxResults"), defaultMax: 50, invalidTokenCode: "BadRequestException" });
    return { DetectorIds: page.items, NextToken: page.next };
  },
  GetDetector(ctx) {
    const id = requireString(ctx, "DetectorId", "BadRequestException");
    const detector = findByKey(getRegionBlock(ctx).guardduty?.Detectors ?? [], "id", (d) => [d.DetectorId], id);
    if (!detector) {
      throw new SandboxError("BadRequestException", "The request is rejected because the input detectorId is not owned by the current account.");
    }
    const { DetectorId: _id, ...rest } = detector;
    return { ServiceRole: `arn:aws:iam::${ctx.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`, ...rest };
  },
};
