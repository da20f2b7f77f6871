/** @guardrail/aws-sandbox: an AWS-API-compatible server that answers the SDK from a world file. */
export { startSandbox } from "./server/start-sandbox";
export type { TSandbox, TSandboxOptions, TSandboxStats } from "./server/start-sandbox";
export { loadWorld, loadWorldFile, WorldValidationError } from "./world/load-world";
export type { TLoadedWorld, TLoadedRole } from "./world/load-world";
export type * from "./world/world.types";
export { SERVED_OPERATIONS } from "./served-operations";
export { createFixedEndpointProvider } from "./sdk-helpers";
export * from "./worlds/index";
