/**
 * AWS-managed IAM policies that the generated worlds attach. The documents are condensed
 * versions of AWS's own (the real ones list hundreds of actions) that keep what matters to
 * a posture scanner: administrator, all-data read, lateral movement and escalation actions.
 */
import type { ManagedPolicyDetail } from "@aws-sdk/client-iam";
import { allow, buildPolicyDocument } from "./policy-documents";
import type { TWorldShape } from "./world-types";

interface TAwsManagedPolicy {
  path: string;
  policyId: string;
  description: string;
  document: string;
}

const READ_ALL_DATA = [
  "s3:Get*",
  "s3:List*",
  "dynamodb:BatchGetItem",
  "dynamodb:GetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "rds:Describe*",
  "sqs:ReceiveMessage",
  "kinesis:GetRecords",
  "logs:GetLogEvents",
];

const DESCRIBE_ALL = [
  "ec2:Describe*",
  "iam:Get*",
  "iam:List*",
  "lambda:Get*",
  "lambda:List*",
  "eks:Describe*",
  "eks:List*",
  "kms:Describe*",
  "kms:List*",
  "cloudtrail:Describe*",
  "cloudtrail:Get*",
  "config:Describe*",
  "guardduty:Get*",
  "guardduty:List*",
  "organizations:Describe*",
  "organizations:List*",
  "route53:Get*",
  "route53:List*",
  "sns:Get*",
  "sns:List*",
  "sqs:GetQueueAttributes",
  "sqs:ListQueues",
  "access-analyzer:List*",
  "cloudwatch:Describe*",
  "cloudwatch:Get*",
  "cloudwatch:List*",
];

export const AWS_MANAGED_POLICIES: Record<string, TAwsManagedPolicy> = {
  AdministratorAccess: {
    path: "/",
    policyId: "ANPAIWMBCKSKIEE64ZLYK",
    description: "Provides full access to AWS services and resources.",
    document: buildPolicyDocument([allow("*")]),
  },
  PowerUserAccess: {
    path: "/",
    policyId: "ANPAJYRXTHIB4FOVS3ZXS",
    description:
      "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
    document: buildPolicyDocument([
      { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
      allow([
        "iam:CreateServiceLinkedRole",
        "iam:DeleteServiceLinkedRole",
        "iam:ListRoles",
        "organizations:DescribeOrganization",
        "account:ListRegions",
      ]),
    ]),
  },
  ReadOnlyAccess: {
    path: "/",
    policyId: "ANPAILL3HVNFSB6DCOWYQ",
    description: "Provides read-only access to AWS services and resources.",
    document: buildPolicyDocument([allow([...DESCRIBE_ALL, ...READ_ALL_DATA])]),
  },
  ViewOnlyAccess: {
    path: "/job-function/",
    policyId: "ANPAID22R6XPJATWOFDK6",
    description:
      "This policy grants permissions to view resources and basic metadata across all AWS services.",
    document: buildPolicyDocument([
      allow([...DESCRIBE_ALL, "s3:ListAllMyBuckets", "s3:GetBucketLocation", "s3:ListBucket"]),
    ]),
  },
  SecurityAudit: {
    path: "/",
    policyId: "ANPAIX2T3QCXHR2OGGCTO",
    description:
      "The security audit template grants access to read security configuration metadata.",
    document: buildPolicyDocument([
      allow([
        ...DESCRIBE_ALL,
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "s3:GetAccountPublicAccessBlock",
        "s3:GetBucket*",
        "s3:GetEncryptionConfiguration",
        "s3:GetLifecycleConfiguration",
        "s3:ListAllMyBuckets",
        "lambda:GetPolicy",
        "kms:GetKeyPolicy",
        "kms:GetKeyRotationStatus",
        "rds:Describe*",
        "ecs:Describe*",
        "ecs:List*",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:ListSecrets",
      ]),
    ]),
  },
  AWSSupportAccess: {
    path: "/",
    policyId: "ANPAJSNKQX2OW67GF4S7E",
    description: "Allows users to access the AWS Support Center.",
    document: buildPolicyDocument([allow("support:*")]),
  },
  AmazonS3ReadOnlyAccess: {
    path: "/",
    policyId: "ANPAIZTJ4DXE7G6AGAE6M",
    description: "Provides read only access to all buckets via the AWS Management Console.",
    document: buildPolicyDocument([
      allow([
        "s3:Get*",
        "s3:List*",
        "s3:Describe*",
        "s3-object-lambda:Get*",
        "s3-object-lambda:List*",
      ]),
    ]),
  },
  AmazonSSMManagedInstanceCore: {
    path: "/",
    policyId: "ANPAIXSHM2BNB2D3AXXRU",
    description:
      "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.",
    document: buildPolicyDocument([
      allow([
        "ssm:DescribeAssociation",
        "ssm:GetDocument",
        "ssm:ListAssociations",
        "ssm:UpdateInstanceInformation",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
        "ec2messages:*",
      ]),
    ]),
  },
  AWSLambdaBasicExecutionRole: {
    path: "/service-role/",
    policyId: "ANPAJNCQGXC42545SKXIK",
    description: "Provides write permissions to CloudWatch Logs.",
    document: buildPolicyDocument([
      allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"]),
    ]),
  },
  AmazonEKSWorkerNodePolicy: {
    path: "/",
    policyId: "ANPAIBVMOY52IPQ6HD3PO",
    description: "This policy allows Amazon EKS worker nodes to connect to Amazon EKS Clusters.",
    document: buildPolicyDocument([
      allow([
        "ec2:DescribeInstances",
        "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVolumes",
        "ec2:DescribeVpcs",
        "eks:DescribeCluster",
        "eks-auth:AssumeRoleForPodIdentity",
      ]),
    ]),
  },
  AmazonEKSClusterPolicy: {
    path: "/",
    policyId: "ANPAIBTLDQMIXQZ4ZQTEM",
    description:
      "This policy provides Kubernetes the permissions it requires to manage resources on your behalf.",
    document: buildPolicyDocument([
      allow([
        "autoscaling:DescribeAutoScalingGroups",
        "ec2:Describe*",
        "ec2:CreateTags",
        "elasticloadbalancing:*",
        "kms:DescribeKey",
      ]),
    ]),
  },
  AmazonEC2ContainerRegistryReadOnly: {
    path: "/",
    policyId: "ANPAIFYZPA37OOHVIH7KQ",
    description: "Provides read-only access to Amazon EC2 Container Registry repositories.",
    document: buildPolicyDocument([
      allow([
        "ecr:GetAuthorizationToken",
        "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer",
        "ecr:BatchGetImage",
        "ecr:DescribeRepositories",
        "ecr:ListImages",
      ]),
    ]),
  },
};

export type TAwsManagedPolicyName = keyof typeof AWS_MANAGED_POLICIES;

export function buildAwsManagedPolicyArn(name: string): string {
  const policy = AWS_MANAGED_POLICIES[name];
  if (!policy) throw new Error(`Unknown AWS-managed policy "${name}"`);
  return `arn:aws:iam::aws:policy${policy.path}${name}`;
}

/** The `ManagedPolicyDetail` GetAccountAuthorizationDetails returns for an attached AWS-managed policy. */
export function buildAwsManagedPolicyDetail(
  name: string,
  attachmentCount: number,
): TWorldShape<ManagedPolicyDetail> {
  const policy = AWS_MANAGED_POLICIES[name];
  if (!policy) throw new Error(`Unknown AWS-managed policy "${name}"`);
  return {
    PolicyName: name,
    PolicyId: policy.policyId,
    Arn: buildAwsManagedPolicyArn(name),
    Path: policy.path,
    DefaultVersionId: "v1",
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: "2015-02-06T18:39:46Z",
    UpdateDate: "2023-06-01T00:00:00Z",
    PolicyVersionList: [
      {
        Document: policy.document,
        VersionId: "v1",
        IsDefaultVersion: true,
        CreateDate: "2023-06-01T00:00:00Z",
      },
    ],
  };
}
