export * from "./rule";
export * from "./context";
export * from "./organization";
export * from "./engine";
export * from "./score";
