export * from "./estimate-usage.js";
export * from "./token-bound.js";
export * from "./token-counter.js";
export * from "./chat-output-accumulator.js";
export * from "./media-token-bound.js";
