export * from "./mock-knobs.js";
export * from "./mock-reply.js";
export * from "./mock-server.js";
export * from "./openai-format.js";
export * from "./openai-mock.js";
export * from "./recorded-request.js";
export * from "./respond.js";
export * from "./scenario-queue.js";
