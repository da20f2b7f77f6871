import type { Prisma } from "@guardrail/db";

/** The Prisma client or an interactive transaction: what the set-based SQL helpers run on. */
export type TSqlExecutor = Pick<
  Prisma.TransactionClient,
  "$executeRaw" | "$executeRawUnsafe" | "$queryRaw"
>;
