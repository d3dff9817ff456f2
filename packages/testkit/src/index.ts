// Mock vendor upstreams (adapter SDK owner).
export * from "./upstreams/index.js";
