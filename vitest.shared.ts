import { defineConfig } from "vitest/config";

/** Shared test settings: integration tests talk to real servers, so they get generous time. */
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Files of one package run one after another: the machine has two cores and real servers.
    fileParallelism: false,
  },
});
