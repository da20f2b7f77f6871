import { z } from "zod";

/**
 * The web app's configuration: the only place that reads process.env, validated once at
 * start-up (src/instrumentation.ts) with messages that say how to fix what is wrong.
 */
const ZWebEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("postgresql://postgres@127.0.0.1:5432/guardrail")
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .default("redis://127.0.0.1:6379")
    .refine((v) => /^rediss?:\/\//.test(v), "REDIS_URL must be a redis:// URL"),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET is required: generate one with `openssl rand -base64 32`" })
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters: generate one with `openssl rand -base64 32`"),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  /** BullMQ key prefix shared with the worker. */
  QUEUE_PREFIX: z.string().min(1).default("guardrail"),
  /** Guardrail's own AWS principal (where the worker runs), written into onboarding templates. */
  GUARDRAIL_VENDOR_PRINCIPAL_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:iam::\d{12}:(root|user\/.+|role\/.+)$/, "GUARDRAIL_VENDOR_PRINCIPAL_ARN must be an IAM principal ARN")
    .optional(),
});
export type TWebEnv = z.infer<typeof ZWebEnv>;

/** Parses a configuration; throws one message listing every problem and how to fix it. */
export function parseWebEnv(source: Record<string, string | undefined>): TWebEnv {
  const parsed = ZWebEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Guardrail web: invalid configuration\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: TWebEnv | undefined;

export function getEnv(): TWebEnv {
  cached ??= parseWebEnv(process.env);
  return cached;
}
