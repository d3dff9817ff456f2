import { AppError, TOPICS } from "@llm-serve/common";
import { isProviderType } from "@llm-serve/adapters";
import { modelRegistryV1 } from "@llm-serve/proto";
import type { ModuleContext, RoutingModule } from "../modules.js";
import type { Deployment, DeploymentRouter } from "../ports/deployment-router.js";
import { ModelTable } from "./model-table.js";

// FOUNDATION PLACEHOLDER (model registry and routing issue replaces this file): one implicit
// deployment per model, served by its provider with no credentials — enough for the `mock` demo model.
export async function createRoutingModule(context: ModuleContext): Promise<RoutingModule> {
  const { runtime, config } = context;
  const registry = runtime.client(modelRegistryV1.ModelRegistryServiceService, "model-registry", { idempotent: ["listModels", "getModel"] });
  const table = new ModelTable(async () => (await registry.listModels({ includeDisabled: false })).models, runtime.logger);
  await table.start(() => config.GATEWAY_MODEL_CACHE_MS);
  runtime.lifecycle.onShutdown("model-table", () => table.stop());
  // Every gateway instance must see every change: one consumer group per instance.
  const changes = await runtime.bus.subscribe({
    groupId: `gateway.model-cache.${runtime.instanceId}`,
    topic: TOPICS.modelConfigUpdated,
    fromBeginning: false,
    handler: () => table.refresh(),
  });
  runtime.lifecycle.onShutdown("model-change-consumer", () => changes.stop());

  const router: DeploymentRouter = {
    plan(model) {
      const entry = table.get(model);
      if (!entry || entry.status !== "available") {
        throw new AppError("not_found", `The model \`${model}\` does not exist or you do not have access to it.`, {
          details: { param: "model", openaiCode: "model_not_found" },
        });
      }
      if (!isProviderType(entry.providerType)) throw new AppError("unavailable", `No deployment can serve ${model} yet.`);
      const deployment: Deployment = { id: `${entry.id}:default`, model: entry.id, provider: entry.providerType, upstreamModel: entry.id, config: {} };
      return [deployment];
    },
    report() {},
    listModels() {
      return table.all().filter((model) => model.status === "available");
    },
  };
  return { router };
}
