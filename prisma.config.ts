// Prisma CLI configuration. Migrate runs through Prisma's WebAssembly schema engine and the
// node-postgres driver adapter, so `prisma migrate deploy` and `prisma migrate diff` work
// without downloading a native engine (see CONTRIBUTING.md, "Database migrations").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { createCatalogSafePool } from "./packages/db/src/catalog-safe-pool";

const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/guardrail";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () =>
    new PrismaPg(createCatalogSafePool(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL)),
});
