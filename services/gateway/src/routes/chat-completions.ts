import { Router } from "express";
import {
  ChatOutputAccumulator,
  chatPromptTokenBound,
  estimateChatPromptTokens,
  estimateChatUsage,
  toOpenAIUsage,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
} from "@llm-serve/adapters";
import { assertCanUse } from "../pipeline/access.js";
import { executeStream } from "../pipeline/execute-stream.js";
import { executeUnary } from "../pipeline/execute-unary.js";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { beginCall, type GatewayCall } from "../pipeline/gateway-call.js";
import { outputBudget } from "../pipeline/output-budget.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import { chatCompletionRequestSchema } from "../validation/chat-completion-request.js";
import { parseBody } from "../validation/parse-body.js";

export interface TokenBudgetDefaults {
  /** Output tokens reserved when a request names no max_tokens. */
  defaultOutputTokens: () => number;
}

/** POST /v1/chat/completions, streamed or not. */
export function chatCompletionsRouter(deps: PipelineDeps, defaults: TokenBudgetDefaults): Router {
  const router = Router();
  router.post("/v1/chat/completions", async (request, response) => {
    const parsed = parseBody(chatCompletionRequestSchema, request.body) as ChatCompletionRequest;
    const stream = parsed.stream === true;
    const call = beginCall(request, response, "chat.completions", parsed.model, stream);
    const { body, estimatedTokens, exactTokens } = chatBudget(deps, defaults, call, parsed);
    if (!stream) {
      const result = await executeUnaryChat(deps, call, { body, estimatedTokens, exactTokens });
      response.set(result.headers).json(result.response);
      return;
    }
    const delivered = new ChatOutputAccumulator();
    const includeUsage = body.stream_options?.include_usage === true;
    await executeStream<ChatCompletionChunk>(deps, call, response, {
      estimatedTokens,
      exactTokens,
      open: (adapter, deployment, context) => adapter.streamChat(vendorBody(body, deployment), context),
      onDelivered: (chunk) => delivered.add(chunk),
      estimateDelivered: () => estimateChatUsage(body, delivered.output()),
      ...(includeUsage
        ? {
            usageChunk: (usage, last) => ({
              id: last?.id ?? `chatcmpl-${call.requestId}`,
              object: "chat.completion.chunk",
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

/** The chat body as sent (max_tokens capped to the model's budget) and the tokens to reserve for it. */
export function chatBudget(deps: PipelineDeps, defaults: TokenBudgetDefaults, call: GatewayCall, parsed: ChatCompletionRequest): ChatBudget {
  const requested = parsed.max_completion_tokens ?? parsed.max_tokens;
  const param = parsed.max_completion_tokens === undefined || parsed.max_completion_tokens === null ? "max_tokens" : "max_completion_tokens";
  assertCanUse(call.principal, call.model, call.endpoint);
  const output = outputBudget(deps.router, parsed.model, { tokens: requested, param }, defaults.defaultOutputTokens());
  const body: ChatCompletionRequest = output.cap === undefined ? parsed : { ...parsed, max_tokens: output.cap };
  // The other of max_tokens / max_completion_tokens reaches the vendor too: it may not exceed the model's limit either.
  if (param === "max_completion_tokens") outputBudget(deps.router, parsed.model, { tokens: parsed.max_tokens, param: "max_tokens" }, 0);
  const outputTokens = output.tokens * (body.n ?? 1);
  // Reserved by a tokenizer-free bound; the tokenizer counts only if that bound is refused.
  const estimatedTokens = chatPromptTokenBound(body) + outputTokens;
  const exactTokens = async () => (await estimateChatPromptTokens(body)) + outputTokens;
  return { body, estimatedTokens, exactTokens };
}

export interface ChatBudget {
  body: ChatCompletionRequest;
  estimatedTokens: number;
  exactTokens: () => Promise<number>;
}

/** A non-streamed chat completion through the request path (also the assistant service's model calls, ADR 0024). */
export function executeUnaryChat(deps: PipelineDeps, call: GatewayCall, budget: ChatBudget) {
  const { body } = budget;
  return executeUnary(deps, call, {
    estimatedTokens: budget.estimatedTokens,
    exactTokens: budget.exactTokens,
    invoke: (adapter, deployment, context) => adapter.chat(vendorBody(body, deployment), context),
    estimateUsage: (answer) =>
      estimateChatUsage(body, {
        text: (answer?.choices ?? []).map((choice) => choice.message.content ?? "").join(""),
        toolCalls: (answer?.choices ?? []).flatMap((choice) => (choice.message.tool_calls ?? []).map((toolCall) => toolCall.function)),
      }),
  });
}
