export * from "./job-contracts";
export * from "./job-queues";
export * from "./redis-connection";
export * from "./redis-rate-limiter";
export * from "./account-semaphore";
export * from "./graph-rebuild.job";
export * from "./redis-script";
