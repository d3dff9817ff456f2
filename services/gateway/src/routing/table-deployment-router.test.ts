import { createLogger } from "@llm-serve/common";
import { modelRegistryV1 } from "@llm-serve/proto";
import { RoutingEngine } from "@llm-serve/routing";
import { describe, expect, it } from "vitest";
import type { Principal } from "../ports/authenticator.js";
import { ModelTable } from "./model-table.js";
import { TableDeploymentRouter } from "./table-deployment-router.js";
import type { TableDeployment } from "./table-types.js";

const everyone: Principal = { keyId: "k", projectId: "p", orgId: "o", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] };

function routingModel(id: string, overrides: Partial<modelRegistryV1.RoutingModel> = {}): modelRegistryV1.RoutingModel {
  return modelRegistryV1.RoutingModel.fromPartial({
    id,
    status: "available",
    capability: { endpoints: ["chat.completions"] },
    runtime: { maxRetries: 1 },
    routing: { strategy: "weighted_random" },
    deployments: [{ id: "one", providerType: "mock", upstreamModel: id, weight: 1, status: "available", credentials: { apiKey: "sk-secret" } }],
    ...overrides,
  });
}

async function routerOver(models: modelRegistryV1.RoutingModel[]) {
  const table = new ModelTable(async () => models, createLogger({ service: "test", version: "test", level: "silent" }));
  await table.refresh();
  return new TableDeploymentRouter(table, new RoutingEngine<TableDeployment>());
}

describe("TableDeploymentRouter", () => {
  it("plans by id or alias, with the deployment's credentials, and refuses unknown or out-of-scope models alike", async () => {
    const router = await routerOver([routingModel("gpt-4o", { aliases: ["smart"] })]);
    const [deployment] = router.plan("smart", "chat.completions", everyone);
    expect(deployment).toMatchObject({ id: "gpt-4o/one", model: "gpt-4o", provider: "mock", config: { apiKey: "sk-secret" } });
    expect(() => router.plan("nope", "chat.completions", everyone)).toThrow(/does not exist/);
    expect(() => router.plan("gpt-4o", "chat.completions", { ...everyone, allowedModels: ["other-*"] })).toThrow(/does not exist/);
    expect(() => router.plan("gpt-4o", "embeddings", everyone)).toThrow(/does not support embeddings/);
  });

  it("lists only what a key may use, and the providers behind it", async () => {
    const router = await routerOver([routingModel("gpt-4o"), routingModel("secret-model"), routingModel("off", { status: "disabled" })]);
    const scoped = { ...everyone, allowedModels: ["gpt-*"] };
    expect(router.listModels(scoped).map((model) => model.id)).toEqual(["gpt-4o"]);
    expect(router.listModels(everyone).map((model) => model.id).sort()).toEqual(["gpt-4o", "secret-model"]);
    expect(router.listProviders(scoped)).toEqual([{ id: "mock", models: ["gpt-4o"] }]);
  });

  it("names the fallback model's deployments for a context-window failure", async () => {
    const router = await routerOver([
      routingModel("small", { routing: { strategy: "weighted_random", fallbacks: [{ model: "large", on: ["context_window"] }] } }),
      routingModel("large"),
    ]);
    const [failed] = router.plan("small", "chat.completions", everyone);
    router.report(failed!, { ok: false, latencyMs: 5, retryable: false });
    const contextError = { type: "invalid_request", vendorCode: "context_length_exceeded", message: "maximum context length", retryable: false };
    expect(router.fallbacks(failed!, contextError).map((deployment) => deployment.id)).toEqual(["large/one", "large/one"]);
    expect(router.fallbacks(failed!, { type: "authentication", retryable: false })).toEqual([]);
  });
});
