export { createDb, DEFAULT_DATABASE_URL, type TCreateDbOptions, type TDb } from "./client";
export { Prisma } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export type * from "./generated/prisma/models";
