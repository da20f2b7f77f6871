import { accessanalyzerCollector } from "./accessanalyzer/accessanalyzer.collector";
import { cloudtrailCollector } from "./cloudtrail/cloudtrail.collector";
import { configCollector } from "./config/config.collector";
import type { TCollectorDefinition } from "./core/collector";
import { ec2Collector } from "./ec2/ec2.collector";
import { ecsCollector } from "./ecs/ecs.collector";
import { eksCollector } from "./eks/eks.collector";
import { guarddutyCollector } from "./guardduty/guardduty.collector";
import { iamCollector } from "./iam/iam.collector";
import { kmsCollector } from "./kms/kms.collector";
import { lambdaCollector } from "./lambda/lambda.collector";
import { rdsCollector } from "./rds/rds.collector";
import type { TServiceKey } from "./resource-model";
import { route53Collector } from "./route53/route53.collector";
import { s3Collector } from "./s3/s3.collector";
import { secretsmanagerCollector } from "./secretsmanager/secretsmanager.collector";
import { snsCollector } from "./sns/sns.collector";
import { sqsCollector } from "./sqs/sqs.collector";

/** One collector per service key except organizations (see `discoverOrganization`). */
export const COLLECTORS: readonly TCollectorDefinition[] = Object.freeze([
  iamCollector,
  s3Collector,
  route53Collector,
  ec2Collector,
  lambdaCollector,
  eksCollector,
  sqsCollector,
  snsCollector,
  rdsCollector,
  cloudtrailCollector,
  kmsCollector,
  guarddutyCollector,
  configCollector,
  accessanalyzerCollector,
  ecsCollector,
  secretsmanagerCollector,
]);

export function findCollector(key: TServiceKey): TCollectorDefinition | undefined {
  return COLLECTORS.find((c) => c.key === key);
}

/** The (region) tasks of one account: each global collector once ("global"), each regional one per region. */
export function listCollectionTasks(
  regions: readonly string[],
): Array<{ collector: TCollectorDefinition; region: string }> {
  return COLLECTORS.flatMap((collector) =>
    collector.global
      ? [{ collector, region: "global" }]
      : regions.map((region) => ({ collector, region })),
  );
}
