/** IAM, SCP and RCP policy documents used by the world generators (plain JSON strings). */

export interface TStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function buildPolicyDocument(statements: TStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function allow(action: string | string[], resource: string | string[] = "*"): TStatement {
  return { Effect: "Allow", Action: action, Resource: resource };
}

/** Trust policy letting another account assume a role, optionally only with an external ID. */
export function buildAccountTrustPolicy(options: {
  trustedAccountId: string;
  externalId?: string;
}): string {
  const statement: TStatement = {
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${options.trustedAccountId}:root` },
    Action: "sts:AssumeRole",
  };
  if (options.externalId !== undefined) {
    statement.Condition = { StringEquals: { "sts:ExternalId": options.externalId } };
  }
  return buildPolicyDocument([statement]);
}

/** Trust policy for a role assumed by AWS services (ec2.amazonaws.com, lambda.amazonaws.com…). */
export function buildServiceTrustPolicy(...services: string[]): string {
  return buildPolicyDocument([
    {
      Effect: "Allow",
      Principal: { Service: services.length === 1 ? (services[0] as string) : services },
      Action: "sts:AssumeRole",
    },
  ]);
}

/** Trust policy letting specific principals (role or user ARNs) assume a role. */
export function buildPrincipalTrustPolicy(principalArns: string[]): string {
  return buildPolicyDocument([
    {
      Effect: "Allow",
      Principal: { AWS: principalArns.length === 1 ? (principalArns[0] as string) : principalArns },
      Action: "sts:AssumeRole",
    },
  ]);
}

/** Trust policy of the IAM Identity Center (SSO) permission-set roles. */
export function buildSsoTrustPolicy(accountId: string, providerName: string): string {
  return buildPolicyDocument([
    {
      Effect: "Allow",
      Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/${providerName}` },
      Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"],
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
    },
  ]);
}

/** A bucket policy statement denying every request not sent over TLS. */
export function buildDenyInsecureTransport(bucketName: string): TStatement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

export const SCP_CONTENT = {
  fullAwsAccess: buildPolicyDocument([{ Effect: "Allow", Action: "*", Resource: "*" }]),
  denyLeaveOrganization: buildPolicyDocument([
    {
      Sid: "DenyLeaveOrganization",
      Effect: "Deny",
      Action: "organizations:LeaveOrganization",
      Resource: "*",
    },
  ]),
  denyRootUser: buildPolicyDocument([
    {
      Sid: "DenyRootUser",
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } },
    },
  ]),
  protectSecurityServices: buildPolicyDocument([
    {
      Sid: "ProtectCloudTrail",
      Effect: "Deny",
      Action: [
        "cloudtrail:DeleteTrail",
        "cloudtrail:StopLogging",
        "cloudtrail:UpdateTrail",
        "cloudtrail:PutEventSelectors",
      ],
      Resource: "*",
    },
    {
      Sid: "ProtectGuardDuty",
      Effect: "Deny",
      Action: [
        "guardduty:DeleteDetector",
        "guardduty:DisassociateFromMasterAccount",
        "guardduty:DisassociateFromAdministratorAccount",
        "guardduty:UpdateDetector",
        "guardduty:StopMonitoringMembers",
      ],
      Resource: "*",
    },
    {
      Sid: "ProtectConfig",
      Effect: "Deny",
      Action: [
        "config:DeleteConfigurationRecorder",
        "config:DeleteDeliveryChannel",
        "config:StopConfigurationRecorder",
      ],
      Resource: "*",
    },
  ]),
  denyUnapprovedRegions: (regions: string[]): string =>
    buildPolicyDocument([
      {
        Sid: "DenyUnapprovedRegions",
        Effect: "Deny",
        NotAction: [
          "iam:*",
          "organizations:*",
          "route53:*",
          "cloudfront:*",
          "sts:*",
          "support:*",
          "budgets:*",
          "health:*",
        ],
        Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": regions } },
      },
    ]),
  rcpFullAwsAccess: buildPolicyDocument([
    { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" },
  ]),
  rcpS3DataPerimeter: (orgId: string): string =>
    buildPolicyDocument([
      {
        Sid: "EnforceOrgIdentities",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: {
          StringNotEqualsIfExists: { "aws:PrincipalOrgID": orgId },
          BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
        },
      },
      {
        Sid: "EnforceSecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: "*",
        Condition: { BoolIfExists: { "aws:SecureTransport": "false" } },
      },
    ]),
} as const;
