export * from "./resource-model";
export {
  classifyAwsError,
  isAbortError,
  type TAwsErrorInfo,
  type TAwsErrorKind,
} from "./core/aws-errors";
export {
  createInMemoryRateLimiter,
  createUnlimitedRateLimiter,
  DEFAULT_POLITENESS_BUDGETS,
  resolveRateBudget,
  type TInMemoryRateLimiterOptions,
  type TRateBudget,
  type TRateBudgetOverrides,
  type TRateBudgets,
  type TRateLimiter,
  type TRateLimitKey,
} from "./core/rate-limiter";
export {
  AssumeRoleError,
  CREDENTIAL_REFRESH_MARGIN_MS,
  createCredentialBroker,
  type TAwsCredentials,
  type TAwsCredentialProvider,
  type TAssumeRoleInput,
  type TCredentialBroker,
  type TCredentialBrokerOptions,
} from "./core/credential-broker";
export {
  createClientFactory,
  GLOBAL_API_REGION,
  type TAwsTarget,
  type TCallCounter,
  type TClientFactory,
  type TClientFactoryOptions,
  type TClientName,
  type TClientOf,
} from "./core/client-factory";
export {
  createSubCallRecorder,
  defineCollector,
  describeCoverageGap,
  runCollector,
  type TCollectArgs,
  type TCollectorDefinition,
  type TCollectorInput,
  type TCollectorOutput,
  type TRunCollectorOptions,
  type TSubCallRecorder,
} from "./core/collector";
export { createSilentLogger, type TLogger } from "./core/logger";
export { decodePolicyDocument, toPlain } from "./core/plain";
export { COLLECTORS, findCollector, listCollectionTasks } from "./collectors";
export { listEnabledRegions } from "./ec2/ec2.regions";
export {
  discoverOrganization,
  OrganizationDiscoveryError,
  type TOrganizationDiscovery,
} from "./organizations/organizations.discovery";
export { listAncestors } from "./organizations/organizations.mapper";
export type {
  TDiscoveredAccount,
  TDiscoveredOrganizationalUnit,
  TDiscoveredPolicy,
  TDiscoveredRoot,
} from "./organizations/organizations.mapper";
export {
  classifyAssumeRoleFailure,
  testMemberAccess,
  type TMemberAccessResult,
  type TMemberAccessState,
} from "./access/member-access";
export { mapWithConcurrency } from "./core/concurrency";
export {
  interleave,
  planScan,
  type TPlannedCollection,
  type TPlanScanOptions,
  type TScanPlan,
} from "./plan/scan-plan";
