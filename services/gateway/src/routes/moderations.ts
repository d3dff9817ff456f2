import { Router } from "express";
import { createUsage, estimatePromptTokens, textTokenBound, type ModerationRequest } from "@llm-serve/adapters";
import { executeUnary } from "../pipeline/execute-unary.js";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { beginCall } from "../pipeline/gateway-call.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { moderationSchema } from "../validation/form-requests.js";
import { parseBody } from "../validation/parse-body.js";

/** POST /v1/moderations. */
export function moderationsRouter(deps: PipelineDeps, defaultModel: () => string): Router {
  const router = Router();
  router.post("/v1/moderations", async (request, response) => {
    const body = parseBody(moderationSchema, request.body) as ModerationRequest;
    const model = body.model ?? defaultModel();
    const call = beginCall(request, response, "moderations", model, false);
    const texts = typeof body.input === "string" ? [body.input] : body.input.map((item) => (typeof item === "string" ? item : item.type === "text" ? item.text : ""));
    const result = await executeUnary(deps, call, {
      estimatedTokens: textTokenBound(texts),
      exactTokens: () => estimatePromptTokens(texts),
      estimateUsage: async () => createUsage({ promptTokens: await estimatePromptTokens(texts), estimated: true }),
      invoke: (adapter, deployment, context) => adapter.moderate(vendorBody(body, deployment), context),
    });
    response.set(result.headers).json(result.response);
  });
  return router;
}
