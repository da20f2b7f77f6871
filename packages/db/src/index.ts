export { createDb, DEFAULT_DATABASE_URL, withPgConnection, type TCreateDbOptions, type TDb } from "./client";
export { copyRows, encodeCopyRow, type TCopyRowsOptions, type TCopyValue } from "./bulk";
export { Prisma } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export type * from "./generated/prisma/models";
