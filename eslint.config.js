// One ESLint config for every workspace (each workspace runs `eslint .` and finds this file).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

const restrict = (patterns) => ({
  "no-restricted-imports": ["error", { patterns }],
});

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.next-*/**",
      "**/.turbo/**",
      "**/dist/**",
      "**/generated/**",
      "**/next-env.d.ts",
      "**/test-results/**",
      "**/playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  // Boundaries of ../shared/STYLE.md that lint can enforce.
  {
    files: ["packages/rules/**/*.ts", "packages/iam/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.int.test.ts"],
    rules: restrict([
      { group: ["@guardrail/db", "@prisma/*", "pg", "ioredis", "bullmq", "@aws-sdk/*", "node:fs", "node:net", "node:http"], message: "rules and iam are pure: no I/O." },
    ]),
  },
  {
    files: ["packages/collectors/**/*.ts"],
    rules: restrict([{ group: ["@guardrail/db", "@prisma/*", "pg"], message: "collectors never touch the database." }]),
  },
  {
    files: ["packages/core/**/*.ts"],
    rules: restrict([{ group: ["@aws-sdk/*"], message: "core never calls AWS." }]),
  },
  {
    files: ["apps/web/**/*.{ts,tsx}"],
    rules: restrict([
      { group: ["@guardrail/worker", "@guardrail/cli", "../../worker/*"], message: "apps never import each other." },
      { group: ["@prisma/*"], message: "only packages/db and core repositories import Prisma." },
    ]),
  },
  {
    files: ["apps/web/**/*.tsx"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      "@next/next/no-html-link-for-pages": "off",
    },
  },
);
