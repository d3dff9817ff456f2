import { defineConfig } from "vitest/config";

/**
 * The fault suite: each file breaks a real server of its own under load, so files run one after
 * another (two cores) and get the time a broker restart needs on a loaded machine.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.fault.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
