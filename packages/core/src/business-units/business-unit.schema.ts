import { z } from "zod";

export const SLA_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;
export type TSeverityName = (typeof SLA_SEVERITIES)[number];

/**
 * The precedence owner resolution applies, first match wins: a resource's own tags, then its
 * account's tags, then the account itself, then the nearest OU above the account, then the
 * default business unit. Within one kind, the older mapping wins.
 */
export const MAPPING_KINDS = ["RESOURCE_TAG", "ACCOUNT_TAG", "ACCOUNT", "OU"] as const;
export type TMappingKind = (typeof MAPPING_KINDS)[number];

const tagKey = z.string().trim().min(1, "Enter a tag key.").max(128, "Tag keys have at most 128 characters.");
const tagValue = z
  .string()
  .trim()
  .max(256, "Tag values have at most 256 characters.")
  .nullish()
  .transform((v) => (v ? v : null));

export const ZMappingInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("RESOURCE_TAG"), tagKey, tagValue }),
  z.object({ kind: z.literal("ACCOUNT_TAG"), tagKey, tagValue }),
  z.object({
    kind: z.literal("ACCOUNT"),
    accountId: z.string().trim().regex(/^\d{12}$/, "An AWS account id has 12 digits."),
  }),
  z.object({
    kind: z.literal("OU"),
    ouId: z
      .string()
      .trim()
      .regex(/^(ou-[a-z0-9]{4,32}-[a-z0-9]{4,32}|r-[a-z0-9]{4,32})$/, "An OU id looks like ou-ab12-cdef3456 (or a root r-ab12)."),
  }),
]);
export type TMappingInput = z.infer<typeof ZMappingInput>;

const slaDays = z.coerce
  .number()
  .int("SLA days are whole days.")
  .min(1, "SLA days are at least 1.")
  .max(3650, "SLA days are at most 3650.")
  .nullish()
  .transform((v) => v ?? null);

export const ZSlaDays = z.object({
  CRITICAL: slaDays,
  HIGH: slaDays,
  MEDIUM: slaDays,
  LOW: slaDays,
  INFO: slaDays,
});
export type TSlaDays = z.infer<typeof ZSlaDays>;

export const ZBusinessUnitInput = z
  .object({
    name: z.string().trim().min(1, "Name the business unit.").max(100, "Names have at most 100 characters."),
    description: z
      .string()
      .trim()
      .max(500, "Descriptions have at most 500 characters.")
      .nullish()
      .transform((v) => v || null),
    isDefault: z.boolean().default(false),
    mappings: z.array(ZMappingInput).max(200, "At most 200 mapping rules per business unit.").default([]),
    ownerUserIds: z.array(z.uuid()).max(50, "At most 50 owners.").default([]),
    primaryOwnerUserId: z.uuid().nullish().transform((v) => v ?? null),
    slaDays: ZSlaDays.default({ CRITICAL: null, HIGH: null, MEDIUM: null, LOW: null, INFO: null }),
  })
  .refine((v) => !v.primaryOwnerUserId || v.ownerUserIds.includes(v.primaryOwnerUserId), {
    message: "The primary owner must be one of the owners.",
    path: ["primaryOwnerUserId"],
  });
export type TBusinessUnitInput = z.input<typeof ZBusinessUnitInput>;
export type TBusinessUnitParsed = z.output<typeof ZBusinessUnitInput>;

/** A stable identity of a mapping rule (kind + its target), to keep unchanged rules (and their age) on save. */
export function mappingKey(m: {
  kind: string;
  accountId?: string | null;
  ouId?: string | null;
  tagKey?: string | null;
  tagValue?: string | null;
}): string {
  return [m.kind, m.accountId ?? "", m.ouId ?? "", m.tagKey ?? "", m.tagValue ?? ""].join("\u0000");
}
