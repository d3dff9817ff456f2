export * from "./environment.js";
export * from "./log-capture.js";
export * from "./processes.js";
export * from "./private-kafka.js";
export * from "./migrations.js";
export * from "./openapi.js";
export * from "./kafka-namespace.js";
export * from "./free-port.js";
