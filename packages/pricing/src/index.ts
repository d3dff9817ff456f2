export * from "./price-plan.js";
export * from "./price-modifier.js";
export * from "./usage-quantities.js";
export * from "./price-quantities.js";
export * from "./price-request.js";
export * from "./price-book.js";
export * from "./price-book-wire.js";
export * from "./volume-tiers.js";
