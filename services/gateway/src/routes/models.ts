import { Router } from "express";
import { AppError } from "@llm-serve/common";
import type { DeploymentRouter } from "../ports/deployment-router.js";
import { principalOf } from "../http/authenticate.js";

function toOpenAIModel(model: { id: string; ownedBy: string; createdAtSeconds: number }) {
  return { id: model.id, object: "model" as const, created: model.createdAtSeconds, owned_by: model.ownedBy };
}

/** GET /v1/models and GET /v1/models/{model}: what the caller's key may use, in OpenAI's shape. */
export function modelsRouter(router: DeploymentRouter): Router {
  const routes = Router();
  routes.get("/v1/models", (_request, response) => {
    const models = router.listModels(principalOf(response));
    response.json({ object: "list", data: models.map(toOpenAIModel) });
  });
  routes.get("/v1/models/:model", (request, response) => {
    const id = String(request.params.model);
    const model = router.listModels(principalOf(response)).find((candidate) => candidate.id === id);
    if (!model) {
      throw new AppError("not_found", `The model \`${id}\` does not exist or you do not have access to it.`, {
        details: { openaiCode: "model_not_found", param: "model" },
      });
    }
    response.json(toOpenAIModel(model));
  });
  return routes;
}
