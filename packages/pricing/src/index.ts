export * from "./price-plan.js";
export * from "./price-modifier.js";
export * from "./usage-quantities.js";
export * from "./price-quantities.js";
export * from "./price-request.js";
