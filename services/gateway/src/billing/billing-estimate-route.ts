import type { RequestHandler } from "express";
import { estimateChatPromptTokens, estimatePromptTokens, type PromptInput } from "@llm-serve/adapters";
import type { ServiceClient } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import { locals } from "../http/request-context.js";
import { estimateSchema, parseBody, quantitiesToProto } from "./billing-admin-body.js";

/**
 * `POST /admin/billing/estimate`: the cost of token counts, or of an API request body, with the
 * plan version in force (now, or at `at`). A body's prompt is counted with the gateway's tokenizer
 * and its output is taken at its `max_completion_tokens`/`max_tokens` (an upper bound; 0 if unset).
 */
export function estimateRoute(billing: ServiceClient<typeof billingV1.BillingServiceService>): RequestHandler {
  return async (request, response) => {
    const body = parseBody(estimateSchema, request.body, "estimate request");
    const quantities = body.usage ? quantitiesToProto(body.usage) : await quantitiesOfRequest(body.request ?? {});
    const estimate = await billing.estimateCost(
      { model: body.model, deploymentId: body.deployment_id, provider: body.provider, quantities, at: body.at ?? "", orgId: body.org_id, projectId: body.project_id },
      { requestId: locals(response).requestId },
    );
    response.json({
      object: "billing.estimate",
      model: body.model,
      currency: estimate.currency,
      amount_micros: estimate.amountMicros,
      plan_id: estimate.planId,
      plan_version: estimate.planVersion,
      quantities: { input_tokens: quantities.inputTokens, output_tokens: quantities.outputTokens, embedding_tokens: quantities.embeddingTokens, requests: quantities.requests },
    });
  };
}

async function quantitiesOfRequest(body: Record<string, unknown>): Promise<billingV1.Quantities> {
  const outputTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? 0) || 0;
  const empty: billingV1.Quantities = { inputTokens: 0, outputTokens: 0, cachedInputReadTokens: 0, cachedInputWriteTokens: 0, reasoningTokens: 0, embeddingTokens: 0, audioMilliseconds: 0, images: 0, imageSize: "", imageQuality: "", requests: 1 };
  if (Array.isArray(body.messages)) return { ...empty, inputTokens: await estimateChatPromptTokens(body as unknown as Parameters<typeof estimateChatPromptTokens>[0]), outputTokens };
  if (body.prompt !== undefined) return { ...empty, inputTokens: await estimatePromptTokens(body.prompt as PromptInput), outputTokens };
  if (body.input !== undefined) return { ...empty, embeddingTokens: await estimatePromptTokens(body.input as PromptInput) };
  return empty;
}
