// Mock vendor upstreams (adapter SDK owner).
export * from "./upstreams/index.js";
// Helpers for tests against the real infrastructure (foundation owner).
export * from "./infra/index.js";
