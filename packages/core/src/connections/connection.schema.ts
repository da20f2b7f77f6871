import { z } from "zod";

const CRON_RANGES: readonly [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/** Validates a five-field cron expression (minute hour day-of-month month day-of-week). */
export function checkCronExpression(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    return "a schedule needs five cron fields: minute hour day month weekday";
  for (const [i, field] of fields.entries()) {
    const [min, max] = CRON_RANGES[i] as [number, number];
    for (const part of field.split(",")) {
      const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      if (!match) return `cron field ${i + 1} ("${field}") is not valid`;
      const [, , from, to, step] = match;
      if (step !== undefined && Number(step) < 1)
        return `cron field ${i + 1}: a step must be at least 1`;
      for (const n of [from, to]) {
        if (n === undefined) continue;
        if (Number(n) < min || Number(n) > max) {
          return `cron field ${i + 1}: ${n} is outside ${min}-${max}`;
        }
      }
      if (from !== undefined && to !== undefined && Number(to) < Number(from)) {
        return `cron field ${i + 1}: range ${from}-${to} is reversed`;
      }
    }
  }
  return null;
}

export const ZCronExpression = z.string().superRefine((value, ctx) => {
  const problem = checkCronExpression(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const ZRegionName = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "not an AWS region name");

export const ZRoleArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "not an IAM role ARN");

export const ZRoleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, "not an IAM role name");

export const ZCreateConnectionInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    managementRoleArn: ZRoleArn,
    memberRoleName: ZRoleName.default("GuardrailScanner"),
    /** Empty = every enabled region. */
    regions: z.array(ZRegionName).max(40).default([]),
    scheduleCron: ZCronExpression.default("0 */6 * * *"),
    scheduleEnabled: z.boolean().default(true),
  })
  .strict();
export type TCreateConnectionInput = z.input<typeof ZCreateConnectionInput>;

/** The editable settings; the external ID is deliberately absent (it is immutable). */
export const ZUpdateConnectionInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    managementRoleArn: ZRoleArn.optional(),
    memberRoleName: ZRoleName.optional(),
    regions: z.array(ZRegionName).max(40).optional(),
    scheduleCron: ZCronExpression.optional(),
    scheduleEnabled: z.boolean().optional(),
  })
  .strict();
export type TUpdateConnectionInput = z.input<typeof ZUpdateConnectionInput>;

export const MEMBER_ACCESS_STATES = [
  "CONNECTED",
  "EXTERNAL_ID_NOT_ENFORCED",
  "ROLE_MISSING_OR_TRUST_DENIED",
  "SCP_DENIED",
  "SUSPENDED",
  "ERROR",
] as const;

export const CONNECTION_TEST_RUN_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"] as const;

/** A "Test connection" run (absent when the result was recorded by a scan). */
export const ZConnectionTestRun = z.object({
  id: z.string().uuid(),
  status: z.enum(CONNECTION_TEST_RUN_STATUSES),
  requestedAt: z.string(),
  startedAt: z.string().nullable().default(null),
  finishedAt: z.string().nullable().default(null),
  /** Accounts in the organization, once the management role has listed them. */
  accountsTotal: z.number().int().min(0).nullable().default(null),
});
export type TConnectionTestRun = z.infer<typeof ZConnectionTestRun>;

export const ZConnectionTestManagement = z.object({
  ok: z.boolean(),
  organizationId: z.string().nullable().default(null),
  managementAccountId: z.string().nullable().default(null),
  errorCode: z.string().nullable().default(null),
  message: z.string().default(""),
});
export type TConnectionTestManagement = z.input<typeof ZConnectionTestManagement>;

export const ZConnectionTestAccount = z.object({
  accountId: z.string().regex(/^\d{12}$/),
  state: z.enum(MEMBER_ACCESS_STATES),
  message: z.string(),
  /** The account's name in the organization, when known. */
  name: z.string().nullable().optional(),
});
export type TConnectionTestAccount = z.infer<typeof ZConnectionTestAccount>;

/** What "Test connection" found (the worker records it; each scan records its own checks too). */
export const ZConnectionTestResult = z.object({
  run: ZConnectionTestRun.optional(),
  management: ZConnectionTestManagement,
  accounts: z.array(ZConnectionTestAccount),
});
export type TConnectionTestResult = z.input<typeof ZConnectionTestResult>;
