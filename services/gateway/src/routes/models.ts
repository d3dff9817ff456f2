import { Router } from "express";
import { AppError } from "@llm-serve/common";
import type { DeploymentRouter, PublicModel } from "../ports/deployment-router.js";
import { principalOf } from "../http/authenticate.js";
import { metered } from "../http/meter-request.js";
import type { QuotaGate } from "../ports/quota-gate.js";

function toOpenAIModel(model: PublicModel) {
  return { id: model.id, object: "model" as const, created: model.createdAtSeconds, owned_by: model.ownedBy };
}

/**
 * GET /v1/models, GET /v1/models/{model} and GET /v1/providers: what the caller's key may use, in
 * OpenAI's shape (providers in the same list shape). Each counts against the key's request limits.
 */
export function modelsRouter(router: DeploymentRouter, quota: QuotaGate): Router {
  const routes = Router();
  routes.get("/v1/models", metered(quota, "models"), (_request, response) => {
    const models = router.listModels(principalOf(response));
    response.json({ object: "list", data: models.map(toOpenAIModel) });
  });
  routes.get("/v1/models/:model", metered(quota, "models"), (request, response) => {
    const id = String(request.params.model);
    const model = router.listModels(principalOf(response)).find((candidate) => candidate.id === id);
    if (!model) {
      throw new AppError("not_found", `The model \`${id}\` does not exist or you do not have access to it.`, {
        details: { openaiCode: "model_not_found", param: "model" },
      });
    }
    response.json(toOpenAIModel(model));
  });
  routes.get("/v1/providers", metered(quota, "providers"), (_request, response) => {
    const providers = router.listProviders?.(principalOf(response)) ?? [];
    response.json({ object: "list", data: providers.map((provider) => ({ id: provider.id, object: "provider", models: provider.models })) });
  });
  return routes;
}
