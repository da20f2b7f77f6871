// The privilege-escalation methods the capability analysis looks for, keyed by their public
// pathfinding.cloud ids (https://pathfinding.cloud). Methods the public catalog had no id for
// when this list was written carry a Guardrail id ("gr-…"). Ids are stored with findings:
// never rename or reuse one. ESCALATION.md documents each method.

/** Which resources a permission must be granted on for the method to work. */
export type TEscalationTarget =
  /** the principal itself (its own user or role ARN) */
  | "self"
  /** a group the user belongs to (any group of the account when memberships are unknown) */
  | "own-groups"
  | "users"
  | "roles"
  | "groups"
  /** customer-managed policies of the account (not arn:aws:iam::aws:policy/*) */
  | "customer-policies"
  /** a role of the account passed to the method's service (iam:PassedToService is set) */
  | "passable-roles"
  | "any";

export interface TEscalationPermission {
  action: string;
  target: TEscalationTarget;
}

export interface TEscalationMethod {
  id: string;
  name: string;
  category: "self-escalation" | "principal-access" | "new-passrole";
  /** principal types the method works for */
  appliesTo: readonly ("user" | "role")[];
  permissions: readonly TEscalationPermission[];
  /** service principal the role is passed to (value of iam:PassedToService) */
  passedToService?: string;
  gives: string;
}

const BOTH = ["user", "role"] as const;

function passRole(
  id: string,
  service: string,
  actions: readonly string[],
  gives: string,
): TEscalationMethod {
  return {
    id,
    name: ["iam:PassRole", ...actions].join(" + "),
    category: "new-passrole",
    appliesTo: BOTH,
    permissions: [
      { action: "iam:PassRole", target: "passable-roles" },
      ...actions.map((action) => ({ action, target: "any" as const })),
    ],
    passedToService: service,
    gives,
  };
}

export const ESCALATION_METHODS: readonly TEscalationMethod[] = [
  {
    id: "iam-001",
    name: "iam:CreatePolicyVersion",
    category: "self-escalation",
    appliesTo: BOTH,
    permissions: [{ action: "iam:CreatePolicyVersion", target: "customer-policies" }],
    gives: "rewrite a customer-managed policy attached to the principal (new default version)",
  },
  {
    id: "gr-iam-001",
    name: "iam:SetDefaultPolicyVersion",
    category: "self-escalation",
    appliesTo: BOTH,
    permissions: [{ action: "iam:SetDefaultPolicyVersion", target: "customer-policies" }],
    gives: "switch an attached customer-managed policy to a more permissive older version",
  },
  {
    id: "iam-002",
    name: "iam:CreateAccessKey",
    category: "principal-access",
    appliesTo: BOTH,
    permissions: [{ action: "iam:CreateAccessKey", target: "users" }],
    gives: "access keys of another IAM user, hence its permissions",
  },
  {
    id: "iam-003",
    name: "iam:CreateAccessKey + iam:DeleteAccessKey",
    category: "principal-access",
    appliesTo: BOTH,
    permissions: [
      { action: "iam:CreateAccessKey", target: "users" },
      { action: "iam:DeleteAccessKey", target: "users" },
    ],
    gives: "access keys of a user that already has two (delete one, create one)",
  },
  {
    id: "iam-004",
    name: "iam:CreateLoginProfile",
    category: "principal-access",
    appliesTo: BOTH,
    permissions: [{ action: "iam:CreateLoginProfile", target: "users" }],
    gives: "a console password for a user without one, hence its permissions",
  },
  {
    id: "iam-005",
    name: "iam:PutRolePolicy",
    category: "self-escalation",
    appliesTo: ["role"],
    permissions: [{ action: "iam:PutRolePolicy", target: "self" }],
    gives: "any inline policy (e.g. *:*) on the role itself",
  },
  {
    id: "iam-006",
    name: "iam:UpdateLoginProfile",
    category: "principal-access",
    appliesTo: BOTH,
    permissions: [{ action: "iam:UpdateLoginProfile", target: "users" }],
    gives: "reset another user's console password, hence its permissions",
  },
  {
    id: "iam-007",
    name: "iam:PutUserPolicy",
    category: "self-escalation",
    appliesTo: ["user"],
    permissions: [{ action: "iam:PutUserPolicy", target: "self" }],
    gives: "any inline policy on the user itself",
  },
  {
    id: "iam-008",
    name: "iam:AttachUserPolicy",
    category: "self-escalation",
    appliesTo: ["user"],
    permissions: [{ action: "iam:AttachUserPolicy", target: "self" }],
    gives: "attach AdministratorAccess (or any managed policy) to the user itself",
  },
  {
    id: "iam-009",
    name: "iam:AttachRolePolicy",
    category: "self-escalation",
    appliesTo: ["role"],
    permissions: [{ action: "iam:AttachRolePolicy", target: "self" }],
    gives: "attach AdministratorAccess (or any managed policy) to the role itself",
  },
  {
    id: "iam-010",
    name: "iam:AttachGroupPolicy",
    category: "self-escalation",
    appliesTo: ["user"],
    permissions: [{ action: "iam:AttachGroupPolicy", target: "own-groups" }],
    gives: "attach a managed policy to a group the user belongs to",
  },
  {
    id: "iam-011",
    name: "iam:PutGroupPolicy",
    category: "self-escalation",
    appliesTo: ["user"],
    permissions: [{ action: "iam:PutGroupPolicy", target: "own-groups" }],
    gives: "any inline policy on a group the user belongs to",
  },
  {
    id: "iam-012",
    name: "iam:UpdateAssumeRolePolicy",
    category: "principal-access",
    appliesTo: BOTH,
    permissions: [{ action: "iam:UpdateAssumeRolePolicy", target: "roles" }],
    gives: "make a (privileged) role trust the principal, then assume it",
  },
  {
    id: "iam-013",
    name: "iam:AddUserToGroup",
    category: "self-escalation",
    appliesTo: BOTH,
    permissions: [{ action: "iam:AddUserToGroup", target: "groups" }],
    gives: "join a (privileged) group and inherit its policies",
  },
  passRole(
    "ec2-001",
    "ec2.amazonaws.com",
    ["ec2:RunInstances"],
    "an instance running as a passed role",
  ),
  passRole(
    "lambda-001",
    "lambda.amazonaws.com",
    ["lambda:CreateFunction", "lambda:InvokeFunction"],
    "code running as a passed role, invoked directly",
  ),
  passRole(
    "lambda-002",
    "lambda.amazonaws.com",
    ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
    "code running as a passed role, triggered by an event source",
  ),
  passRole(
    "cloudformation-001",
    "cloudformation.amazonaws.com",
    ["cloudformation:CreateStack"],
    "a stack that creates any resource as a passed role",
  ),
  passRole(
    "codebuild-001",
    "codebuild.amazonaws.com",
    ["codebuild:CreateProject", "codebuild:StartBuild"],
    "a build running commands as a passed role",
  ),
  passRole(
    "glue-001",
    "glue.amazonaws.com",
    ["glue:CreateDevEndpoint"],
    "an SSH-reachable dev endpoint running as a passed role",
  ),
  passRole(
    "sagemaker-001",
    "sagemaker.amazonaws.com",
    ["sagemaker:CreateNotebookInstance"],
    "a notebook instance running as a passed role",
  ),
  passRole(
    "ecs-004",
    "ecs-tasks.amazonaws.com",
    ["ecs:RegisterTaskDefinition", "ecs:RunTask"],
    "a task running as a passed role",
  ),
  passRole(
    "ecs-001",
    "ecs-tasks.amazonaws.com",
    ["ecs:CreateCluster", "ecs:RegisterTaskDefinition", "ecs:CreateService"],
    "a service whose tasks run as a passed role",
  ),
  passRole(
    "datapipeline-001",
    "datapipeline.amazonaws.com",
    [
      "datapipeline:CreatePipeline",
      "datapipeline:PutPipelineDefinition",
      "datapipeline:ActivatePipeline",
    ],
    "a pipeline running shell commands as a passed role",
  ),
  passRole(
    "gr-autoscaling-001",
    "ec2.amazonaws.com",
    ["autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
    "instances launched by an Auto Scaling group with a passed role",
  ),
  passRole(
    "apprunner-001",
    "tasks.apprunner.amazonaws.com",
    ["apprunner:CreateService"],
    "an App Runner service running as a passed role",
  ),
  passRole(
    "batch-001",
    "batch.amazonaws.com",
    ["batch:RegisterJobDefinition", "batch:SubmitJob"],
    "a Batch job running as a passed role",
  ),
];
