/** Every service's operation handlers, by service key. */
import type { THandler } from "../server/request-context";
import { ACCESSANALYZER_HANDLERS } from "./accessanalyzer.service";
import { CLOUDTRAIL_HANDLERS } from "./cloudtrail.service";
import { CONFIG_HANDLERS } from "./config.service";
import { EC2_HANDLERS } from "./ec2.service";
import { ECS_HANDLERS } from "./ecs.service";
import { EKS_HANDLERS } from "./eks.service";
import { GUARDDUTY_HANDLERS } from "./guardduty.service";
import { IAM_HANDLERS } from "./iam.service";
import { KMS_HANDLERS } from "./kms.service";
import { LAMBDA_HANDLERS } from "./lambda.service";
import { ORGANIZATIONS_HANDLERS } from "./organizations.service";
import { RDS_HANDLERS } from "./rds.service";
import { ROUTE53_HANDLERS } from "./route53.service";
import { S3_HANDLERS, S3CONTROL_HANDLERS } from "./s3.service";
import { SECRETSMANAGER_HANDLERS } from "./secretsmanager.service";
import { SNS_HANDLERS } from "./sns.service";
import { SQS_HANDLERS } from "./sqs.service";
import { STS_HANDLERS } from "./sts.service";
import {
  CLOUDTRAIL_TAG_HANDLERS,
  KMS_TAG_HANDLERS,
  LAMBDA_TAG_HANDLERS,
  ROUTE53_TAG_HANDLERS,
  SNS_TAG_HANDLERS,
  SQS_TAG_HANDLERS,
} from "./resource-tags.service";

export const HANDLERS: Record<string, Record<string, THandler>> = {
  sts: STS_HANDLERS,
  organizations: ORGANIZATIONS_HANDLERS,
  iam: IAM_HANDLERS,
  ec2: EC2_HANDLERS,
  s3: S3_HANDLERS,
  s3control: S3CONTROL_HANDLERS,
  lambda: { ...LAMBDA_HANDLERS, ...LAMBDA_TAG_HANDLERS },
  eks: EKS_HANDLERS,
  sqs: { ...SQS_HANDLERS, ...SQS_TAG_HANDLERS },
  sns: { ...SNS_HANDLERS, ...SNS_TAG_HANDLERS },
  rds: RDS_HANDLERS,
  cloudtrail: { ...CLOUDTRAIL_HANDLERS, ...CLOUDTRAIL_TAG_HANDLERS },
  kms: { ...KMS_HANDLERS, ...KMS_TAG_HANDLERS },
  guardduty: GUARDDUTY_HANDLERS,
  config: CONFIG_HANDLERS,
  accessanalyzer: ACCESSANALYZER_HANDLERS,
  route53: { ...ROUTE53_HANDLERS, ...ROUTE53_TAG_HANDLERS },
  ecs: ECS_HANDLERS,
  secretsmanager: SECRETSMANAGER_HANDLERS,
};
