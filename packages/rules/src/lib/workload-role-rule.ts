import type { TPrincipalCapabilities } from "@guardrail/iam";
import type { TCollectedResource, TResourceType, TServiceKey } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { defineRule, fail, notApplicable, pass, unable, type TRuleDefinition, type TRuleVerdict, type TSeverity } from "../rule";
import { analyzeInstanceExposure, isVerdict, skipGoneInstance } from "./ec2";
import { checkDataAvailable } from "./guard";
import { analyzeRoleCapabilities } from "./role-capabilities";
import { asRecord, asString } from "./values";

export type TWorkloadKind = "instance" | "public-instance" | "lambda" | "eks-nodegroup" | "ecs-service";
export type TRoleCapability = "admin" | "privilege-escalation" | "lateral-movement" | "read-all-s3";

interface TWorkloadSpec {
  idPrefix: string;
  noun: string;
  service: TServiceKey;
  resourceType: TResourceType;
  /** the role's ARN was read through these sub-calls (a failed one makes the verdict UNABLE) */
  operations?: string[];
  /** role ARN of the workload; null = no role */
  resolveRole(resource: TCollectedResource, ctx: TRuleContext): TCollectedResource | null | undefined;
}

const WORKLOADS: Record<TWorkloadKind, TWorkloadSpec> = {
  instance: {
    idPrefix: "aws.ec2.instance.role",
    noun: "EC2 instances",
    service: "ec2",
    resourceType: "AWS::EC2::Instance",
    resolveRole: (r, ctx) => ctx.instanceRole(r),
  },
  "public-instance": {
    idPrefix: "aws.ec2.instance.public-role",
    noun: "Publicly reachable EC2 instances",
    service: "ec2",
    resourceType: "AWS::EC2::Instance",
    resolveRole: (r, ctx) => ctx.instanceRole(r),
  },
  lambda: {
    idPrefix: "aws.lambda.function.role",
    noun: "Lambda functions",
    service: "lambda",
    resourceType: "AWS::Lambda::Function",
    resolveRole: (r, ctx) => {
      const arn = asString(r.configuration.Role);
      return arn ? ctx.roleOf(arn) : null;
    },
  },
  "eks-nodegroup": {
    idPrefix: "aws.eks.nodegroup.role",
    noun: "EKS node groups",
    service: "eks",
    resourceType: "AWS::EKS::Nodegroup",
    resolveRole: (r, ctx) => {
      const arn = asString(r.configuration.nodeRole);
      return arn ? ctx.roleOf(arn) : null;
    },
  },
  "ecs-service": {
    idPrefix: "aws.ecs.service.task-role",
    noun: "ECS services",
    service: "ecs",
    resourceType: "AWS::ECS::Service",
    operations: ["DescribeTaskDefinition"],
    resolveRole: (r, ctx) => {
      const arn = asString(r.configuration.taskRoleArn);
      return arn ? ctx.roleOf(arn) : null;
    },
  },
};

interface TCapabilitySpec {
  suffix: string;
  memoNamespace: string;
  failMessage: string;
  passMessage: string;
  titleVerb: string;
  severity: TSeverity;
  publicSeverity: TSeverity;
  rationale: string;
  read(c: TPrincipalCapabilities): { failing: boolean; evidence: Record<string, unknown> };
}

const top = (reasons: readonly string[]) => reasons.slice(0, 5);

const CAPABILITIES: Record<TRoleCapability, TCapabilitySpec> = {
  admin: {
    memoNamespace: "capability:admin",
    failMessage: "The workload role is an administrator",
    passMessage: "The workload role is not an administrator",
    suffix: "not-admin",
    titleVerb: "do not run with an administrative role",
    severity: "HIGH",
    publicSeverity: "CRITICAL",
    rationale: "Whoever runs code on the workload (an RCE, SSRF to the metadata service, a malicious dependency) gets its role: an administrator role turns one bug into an account takeover.",
    read: (c) => ({
      failing: c.administrator.decision !== "DENIED",
      evidence: { administrator: c.administrator.decision, reasons: top(c.administrator.reasons) },
    }),
  },
  "privilege-escalation": {
    memoNamespace: "capability:privilege-escalation",
    failMessage: "The workload role can escalate privileges",
    passMessage: "The workload role cannot escalate privileges",
    suffix: "no-privilege-escalation",
    titleVerb: "do not run with a role that can escalate privileges",
    severity: "HIGH",
    publicSeverity: "CRITICAL",
    rationale: "A role that can create policy versions, pass roles to new compute, or edit trust policies can make itself (or a new principal) administrator.",
    read: (c) => {
      const methods = c.privilegeEscalation.filter((m) => m.decision !== "DENIED");
      return {
        failing: methods.length > 0,
        evidence: { escalationMethods: methods.slice(0, 10).map((m) => ({ methodId: m.methodId, name: m.name, decision: m.decision, reasons: top(m.reasons) })) },
      };
    },
  },
  "lateral-movement": {
    memoNamespace: "capability:lateral-movement",
    failMessage: "The workload role can move laterally to other hosts",
    passMessage: "The workload role cannot move laterally",
    suffix: "no-lateral-movement",
    titleVerb: "do not run with a role that can move laterally",
    severity: "MEDIUM",
    publicSeverity: "HIGH",
    rationale: "Permissions such as ssm:StartSession, ssm:SendCommand or ec2-instance-connect:SendSSHPublicKey on any instance let an attacker hop from this workload to others.",
    read: (c) => {
      const actions = c.lateralMovement.filter((a) => a.decision !== "DENIED");
      return {
        failing: actions.length > 0,
        evidence: { lateralMovement: actions.map((a) => ({ action: a.action, decision: a.decision, reasons: top(a.reasons) })) },
      };
    },
  },
  "read-all-s3": {
    memoNamespace: "capability:read-all-s3",
    failMessage: "The workload role can read all S3 data",
    passMessage: "The workload role cannot read all S3 data",
    suffix: "no-read-all-s3",
    titleVerb: "do not run with a role that can read all S3 data",
    severity: "MEDIUM",
    publicSeverity: "HIGH",
    rationale: "s3:GetObject on every bucket turns a compromised workload into a full data exfiltration.",
    read: (c) => ({
      failing: c.readAllS3.decision !== "DENIED",
      evidence: { readAllS3: c.readAllS3.decision, reasons: top(c.readAllS3.reasons) },
    }),
  },
};

const REMEDIATION = {
  console: [
    "Open the IAM console → Roles → the workload's role → Permissions.",
    "Replace broad policies (AdministratorAccess, '*' actions, iam:*, ssm:StartSession on '*', s3:GetObject on '*') with least-privilege policies scoped to the resources the workload uses; use IAM Access Analyzer policy generation from CloudTrail activity.",
  ],
  cli: "aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\naws iam put-role-policy --role-name <role> --policy-name least-privilege --policy-document file://least-privilege.json",
  terraform: 'resource "aws_iam_role_policy" "app" {\n  role = aws_iam_role.app.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-data/*" }]\n  })\n}',
  cloudformation: "AppRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }\n    Policies:\n      - PolicyName: least-privilege\n        PolicyDocument:\n          Version: '2012-10-17'\n          Statement:\n            - Effect: Allow\n              Action: ['s3:GetObject']\n              Resource: arn:aws:s3:::app-data/*",
};

interface TWorkloadBase {
  role: TCollectedResource;
  capabilities: TPrincipalCapabilities;
  exposureEvidence: Record<string, unknown>;
}

/** Everything but the capability read, computed once per (workload kind, resource): 16 rules share it. */
function resolveWorkloadBase(resource: TCollectedResource, ctx: TRuleContext, workload: TWorkloadKind): TWorkloadBase | TRuleVerdict {
  const spec = WORKLOADS[workload];
  if (spec.resourceType === "AWS::EC2::Instance") {
    const gone = skipGoneInstance(resource);
    if (gone) return gone;
  }
  const missing = checkDataAvailable(resource, ctx, { operations: spec.operations ?? [] });
  if (missing) return missing;
  const exposureEvidence: Record<string, unknown> = {};
  if (workload === "public-instance") {
    const exposure = analyzeInstanceExposure(resource, ctx);
    if (isVerdict(exposure)) return exposure;
    if (!exposure.isPublic) return notApplicable("Instance is not publicly reachable", { PublicIpAddress: exposure.publicIp, openIngressCount: exposure.openIngress.length });
    exposureEvidence.PublicIpAddress = exposure.publicIp;
    exposureEvidence.openIngress = exposure.openIngress.map((r) => ({ GroupId: r.GroupId, FromPort: r.FromPort, ToPort: r.ToPort, cidr: r.cidr }));
  }
  const role = spec.resolveRole(resource, ctx);
  if (role === null) return notApplicable("Workload has no IAM role", { role: null });
  if (role === undefined) {
    const profile = asString(asRecord(resource.configuration.IamInstanceProfile)?.Arn);
    const globalIam = checkDataAvailable(resource, ctx, { complete: [{ service: "iam", region: "global" }] });
    return globalIam ?? unable("The workload's role was not found in the IAM inventory", { instanceProfile: profile, role: resource.configuration.Role ?? resource.configuration.nodeRole ?? resource.configuration.taskRoleArn ?? null });
  }
  const capabilities = analyzeRoleCapabilities(role, ctx);
  if (isVerdict(capabilities)) return capabilities;
  return { role, capabilities, exposureEvidence };
}

const ROLE_NOUN: Record<TWorkloadKind, string> = {
  instance: "instance profile's role",
  "public-instance": "instance profile's role",
  lambda: "execution role",
  "eks-nodegroup": "node role",
  "ecs-service": "task role (its task definition's taskRoleArn; the tasks' code runs with it)",
};

const BASE_NAMESPACE: Record<TWorkloadKind, string> = {
  instance: "workload-base:instance",
  "public-instance": "workload-base:public-instance",
  lambda: "workload-base:lambda",
  "eks-nodegroup": "workload-base:eks-nodegroup",
  "ecs-service": "workload-base:ecs-service",
};

function evaluateWorkloadRole(
  resource: TCollectedResource,
  ctx: TRuleContext,
  workload: TWorkloadKind,
  capability: TCapabilitySpec,
): TRuleVerdict {
  const base = ctx.memoFor(BASE_NAMESPACE[workload], resource, () => resolveWorkloadBase(resource, ctx, workload));
  if (isVerdict(base)) return base;
  const { failing, evidence } = ctx.memoFor(capability.memoNamespace, base.capabilities, () => capability.read(base.capabilities));
  const full = { role: base.role.resourceId, ...base.exposureEvidence, ...evidence };
  return failing ? fail(capability.failMessage, full) : pass(capability.passMessage, full);
}

/** One rule of the "workload role" family: (instances | public instances | Lambda | EKS node groups | ECS services) × capability. */
export function defineWorkloadRoleRule(workload: TWorkloadKind, capabilityKey: TRoleCapability): TRuleDefinition {
  const spec = WORKLOADS[workload];
  const capability = CAPABILITIES[capabilityKey];
  const isPublic = workload === "public-instance";
  return defineRule({
    id: `${spec.idPrefix}-${capability.suffix}`,
    title: `${spec.noun} ${capability.titleVerb}`,
    description: `Analyzes the ${ROLE_NOUN[workload]} of ${spec.noun.toLowerCase()} (inline, attached and boundary policies, and the SCPs of the account) with @guardrail/iam and fails when the decision is ALLOWED or CONDITIONAL.${isPublic ? " Applies only to instances with a public IP and an inbound rule open to the internet." : ""} No CIS v3.0.0 or FSBP control evaluates what a workload's role can do (CIS 1.16 only covers '*:*' policies), hence no framework mapping.`,
    rationale: capability.rationale,
    severity: isPublic ? capability.publicSeverity : capability.severity,
    service: spec.service,
    resourceTypes: [spec.resourceType],
    requires: [{ service: spec.service, resourceTypes: [spec.resourceType] }, { service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::Policy"] }, { service: "organizations" }],
    frameworks: [],
    remediation: REMEDIATION,
    references: [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html",
    ],
    evaluate: (resource, ctx) => evaluateWorkloadRole(resource, ctx, workload, capability),
  });
}
