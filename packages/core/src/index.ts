export * from "./shared/app-error";
export * from "./shared/tenant-scope";
export * from "./auth/roles";
export * from "./auth/password";
export * from "./auth/sign-in.service";
export * from "./tenancy/tenancy.service";
export * from "./audit/audit.service";
export * from "./findings/apply-evaluation.service";
