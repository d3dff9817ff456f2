import { Router } from "express";
import { AppError } from "@llm-serve/common";
import type { CatalogModel, ModelCatalog } from "../domain/model-catalog.js";
import { locals } from "../http/request-context.js";

function toOpenAIModel(model: CatalogModel) {
  return { id: model.id, object: "model" as const, created: model.createdAtSeconds, owned_by: model.ownedBy };
}

/** GET /v1/models and GET /v1/models/{model}, in OpenAI's `Model` shape. */
export function modelsRouter(catalog: ModelCatalog): Router {
  const router = Router();
  router.get("/v1/models", async (_request, response) => {
    const models = await catalog.list(locals(response).requestId);
    response.json({ object: "list", data: models.filter((model) => model.status === "available").map(toOpenAIModel) });
  });
  router.get("/v1/models/:model", async (request, response) => {
    const id = String(request.params.model);
    const model = await catalog.find(id, locals(response).requestId);
    if (!model) {
      throw new AppError("not_found", `The model \`${id}\` does not exist or you do not have access to it.`, {
        details: { openaiCode: "model_not_found", param: "model" },
      });
    }
    response.json(toOpenAIModel(model));
  });
  return router;
}
