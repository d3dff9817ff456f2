import { Router } from "express";
import { estimatePromptTokens, estimateTextUsage, promptTexts, textTokenBound, toOpenAIUsage, type Completion, type CompletionRequest } from "@llm-serve/adapters";
import { assertCanUse } from "../pipeline/access.js";
import { executeStream } from "../pipeline/execute-stream.js";
import { executeUnary } from "../pipeline/execute-unary.js";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { beginCall } from "../pipeline/gateway-call.js";
import { outputBudget } from "../pipeline/output-budget.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { completionRequestSchema } from "../validation/completion-request.js";
import { parseBody } from "../validation/parse-body.js";
import type { TokenBudgetDefaults } from "./chat-completions.js";

/** POST /v1/completions (legacy), streamed or not. */
export function completionsRouter(deps: PipelineDeps, defaults: TokenBudgetDefaults): Router {
  const router = Router();
  router.post("/v1/completions", async (request, response) => {
    const parsed = parseBody(completionRequestSchema, request.body) as CompletionRequest & { best_of?: number | null };
    const stream = parsed.stream === true;
    const call = beginCall(request, response, "completions", parsed.model, stream);
    // Scope first: the output limit below must not tell a key about a model outside its scope.
    assertCanUse(call.principal, call.model, call.endpoint);
    const output = outputBudget(deps.router, parsed.model, { tokens: parsed.max_tokens, param: "max_tokens" }, defaults.defaultOutputTokens());
    const body: CompletionRequest = output.cap === undefined ? parsed : { ...parsed, max_tokens: output.cap };
    const prompts = promptTexts(body.prompt);
    // best_of candidates are all generated (and billed) though only n are returned.
    const outputTokens = output.tokens * Math.max(parsed.n ?? 1, Number(parsed.best_of ?? 1));
    // Reserved by a tokenizer-free bound; the tokenizer counts only if that bound is refused.
    const estimatedTokens = textTokenBound(body.prompt) + outputTokens;
    const exactTokens = async () => (await estimatePromptTokens(body.prompt)) + outputTokens;
    if (!stream) {
      const result = await executeUnary(deps, call, {
        estimatedTokens,
        exactTokens,
        invoke: (adapter, deployment, context) => adapter.complete(vendorBody(body, deployment), context),
        estimateUsage: (answer) => estimateTextUsage(prompts, (answer?.choices ?? []).map((choice) => choice.text ?? "")),
      });
      response.set(result.headers).json(result.response);
      return;
    }
    let deliveredText = "";
    await executeStream<Completion>(deps, call, response, {
      estimatedTokens,
      exactTokens,
      open: (adapter, deployment, context) => adapter.streamComplete(vendorBody(body, deployment), context),
      onDelivered: (chunk) => {
        for (const choice of chunk.choices) deliveredText += choice.text ?? "";
      },
      estimateDelivered: () => estimateTextUsage(prompts, [deliveredText]),
      ...(body.stream_options?.include_usage === true
        ? {
            usageChunk: (usage, last) => ({
              id: last?.id ?? `cmpl-${call.requestId}`,
              object: "text_completion",
              created: last?.created ?? Math.floor(Date.now() / 1000),
              model: last?.model ?? body.model,
              choices: [],
              usage: toOpenAIUsage(usage),
            }),
          }
        : {}),
    });
  });
  return router;
}
