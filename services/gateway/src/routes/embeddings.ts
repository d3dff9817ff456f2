import { Router } from "express";
import { createUsage, estimatePromptTokens, textTokenBound, type EmbeddingRequest } from "@llm-serve/adapters";
import { executeUnary } from "../pipeline/execute-unary.js";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { beginCall } from "../pipeline/gateway-call.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { embeddingRequestSchema } from "../validation/completion-request.js";
import { parseBody } from "../validation/parse-body.js";

/** POST /v1/embeddings. */
export function embeddingsRouter(deps: PipelineDeps): Router {
  const router = Router();
  router.post("/v1/embeddings", async (request, response) => {
    const body = parseBody(embeddingRequestSchema, request.body) as EmbeddingRequest;
    const call = beginCall(request, response, "embeddings", body.model, false);
    const result = await executeUnary(deps, call, {
      estimatedTokens: textTokenBound(body.input),
      exactTokens: () => estimatePromptTokens(body.input),
      estimateUsage: async () => createUsage({ promptTokens: await estimatePromptTokens(body.input), estimated: true }),
      invoke: (adapter, deployment, context) => adapter.embed(vendorBody(body, deployment), context),
    });
    response.set(result.headers).json(result.response);
  });
  return router;
}
