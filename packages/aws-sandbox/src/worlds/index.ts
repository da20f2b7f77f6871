/** World generators for the AWS sandbox: the demo organization and synthetic benchmark worlds. */
export { generateDemoWorld, DEFAULT_DEMO_SEED } from "./demo-world";
export type { TDemoWorldOptions } from "./demo-world";
export { generateSyntheticWorld } from "./synthetic-world";
export { generateLandingZoneWorld } from "./landing-zone-world";
export type { TLandingZoneWorldOptions } from "./landing-zone-world";
export type { TSyntheticWorldOptions } from "./synthetic-world";
export { DEMO_VENDOR } from "./vendor";
export { writeWorldFile } from "./write-world-file";
export { computeWorldStats } from "./world-stats";
export type { TWorldStats } from "./world-stats";
