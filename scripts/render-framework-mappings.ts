// Writes docs/framework-mappings.md from the rule catalog: npm run docs:frameworks -w @guardrail/rules
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_CATALOG } from "../packages/rules/src/catalog";
import { renderFrameworkMappingsMarkdown } from "../packages/rules/src/frameworks/render-mappings";

const target = join(import.meta.dirname, "..", "docs", "framework-mappings.md");
writeFileSync(target, renderFrameworkMappingsMarkdown(RULE_CATALOG));
console.log(`wrote ${target}`);
