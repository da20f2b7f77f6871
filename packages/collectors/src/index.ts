export * from "./resource-model";
