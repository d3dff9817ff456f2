export * from "./error-status.js";
export * from "./types.js";
export * from "./server.js";
export * from "./server-stream.js";
export * from "./resolver.js";
export * from "./client.js";
export * from "./service-runtime.js";
