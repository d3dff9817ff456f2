import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

/** Node tests only (the browser is driven through playwright-core, not run by vitest). */
export default mergeConfig(shared, defineConfig({ test: { environment: "node" } }));
