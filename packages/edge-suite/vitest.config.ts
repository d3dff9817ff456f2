import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The suite starts a platform and gateway processes per file: on a loaded two-core machine that
// has taken more than the shared three minutes.
export default mergeConfig(shared, defineConfig({ test: { hookTimeout: 600_000 } }));
