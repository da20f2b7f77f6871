export * from "./shared/app-error";
export * from "./shared/tenant-scope";
export * from "./auth/roles";
