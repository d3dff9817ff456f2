import { AppError } from "@llm-serve/common";
import { createModel } from "./create-model.js";
import { DEFAULT_RUNTIME } from "./model-defaults.js";
import { ENDPOINTS, type ModelInput } from "./model-config.js";
import type { RegistryDeps } from "./registry-deps.js";

/** The model a fresh platform serves (the README's first run), backed by the network-free `mock` provider. */
export const DEMO_MODEL: ModelInput = {
  id: "llmserve-demo",
  aliases: [],
  ownedBy: "llm-serve",
  description: "Demo model served by the built-in mock provider; needs no vendor account.",
  enabled: true,
  // The mock provider answers every endpoint, so a newcomer can try each one without a vendor.
  capability: { endpoints: [...ENDPOINTS], contextWindow: 8_192, maxOutputTokens: 2_048, supportsTools: true, supportsVision: true, supportsStreaming: true },
  runtime: { ...DEFAULT_RUNTIME, bounds: { ...DEFAULT_RUNTIME.bounds, maxTokens: 2_048 } },
  routing: { strategy: "weighted_random", fallbacks: [] },
  pricePlanId: "default",
  deployments: [{ id: "mock", provider: { providerType: "mock", baseUrl: "", options: {} }, upstreamModel: "llmserve-demo", weight: 1, priority: 0, tags: ["demo"], rpm: 0, tpm: 0, enabled: true }],
};

/** Seeds the demo model unless it exists (instances starting together may race: one wins). */
export async function seedDemoModel(deps: RegistryDeps): Promise<void> {
  if (await deps.models.findByName(DEMO_MODEL.id)) return;
  await createModel(deps, DEMO_MODEL).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "conflict") return;
    throw error;
  });
}
