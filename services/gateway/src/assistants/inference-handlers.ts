import { ChatOutputAccumulator, estimateChatUsage, toOpenAIUsage, type ChatCompletionChunk, type ChatCompletionRequest } from "@llm-serve/adapters";
import { AppError } from "@llm-serve/common";
import type { CallContext, ServiceHandlers } from "@llm-serve/grpc";
import type { gatewayInferenceV1 } from "@llm-serve/proto";
import { vendorBody } from "../pipeline/attempt-deployments.js";
import { executeStreamTo } from "../pipeline/execute-stream.js";
import type { GatewayCall } from "../pipeline/gateway-call.js";
import { summarizeParameters } from "../pipeline/parameter-summary.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import type { Principal } from "../ports/authenticator.js";
import { chatBudget, executeUnaryChat, type TokenBudgetDefaults } from "../routes/chat-completions.js";
import { chatCompletionRequestSchema } from "../validation/chat-completion-request.js";
import { parseBody } from "../validation/parse-body.js";
import type { CallOnce, NamedCall } from "./call-once.js";
import { GrpcChunkSink } from "./grpc-chunk-sink.js";

/**
 * The model calls of the assistant service's runs and responses (ADR 0024). Each is a chat completion
 * through the same request path as POST /v1/chat/completions — the key's scopes, quota reservation,
 * routing with failover, one usage event per attempt — on behalf of the principal the gateway
 * authenticated when the run was asked for. Only our own services reach this gRPC port.
 */
export function createInferenceHandlers(deps: PipelineDeps, defaults: TokenBudgetDefaults, calls: CallOnce): ServiceHandlers<typeof gatewayInferenceV1.GatewayInferenceServiceService> {
  return {
    // A call with a call_id is made once (ADR 0034): the same id again gets the kept answer.
    chatCompletion: async (request, context) => {
      const { call, parsed } = gatewayCall(request, context, false);
      const responseJson = await calls.unary(namedCall(request, call), async () => JSON.stringify((await executeUnaryChat(deps, call, chatBudget(deps, defaults, call, parsed))).response));
      return { responseJson };
    },
    // The same path streamed (ADR 0029): the chunks go out as they arrive, then one with the usage
    // (always: the run needs it). A cancelled call aborts the upstream through context.signal, and
    // executeStream charges the attempt as any cut stream (one usage event).
    streamChatCompletion: async (request, context) => {
      const { call, parsed } = gatewayCall(request, context, true);
      const { body, estimatedTokens, exactTokens } = chatBudget(deps, defaults, call, { ...parsed, stream: true, stream_options: { include_usage: true } });
      const delivered = new ChatOutputAccumulator();
      await calls.stream(namedCall(request, call), context.write, (write) => executeStreamTo<ChatCompletionChunk>(deps, call, new GrpcChunkSink(write), {
        estimatedTokens,
        exactTokens,
        open: (adapter, deployment, adapterContext) => adapter.streamChat(vendorBody(body, deployment), adapterContext),
        onDelivered: (chunk) => delivered.add(chunk),
        estimateDelivered: () => estimateChatUsage(body, delivered.output()),
        usageChunk: (usage, last) => ({ id: last?.id ?? `chatcmpl-${call.requestId}`, object: "chat.completion.chunk", created: last?.created ?? Math.floor(Date.now() / 1000), model: last?.model ?? body.model, choices: [], usage: toOpenAIUsage(usage) }),
        sendDone: false,
      }));
    },
  };
}

function gatewayCall(request: gatewayInferenceV1.ChatCompletionRequest, context: CallContext, stream: boolean): { call: GatewayCall; parsed: ChatCompletionRequest } {
  const principal = parsePrincipal(request.principalJson);
  const parsed = parseBody(chatCompletionRequestSchema, JSON.parse(request.requestJson || "{}")) as ChatCompletionRequest;
  if (parsed.stream === true) throw new AppError("invalid_request", "internal model calls say whether they stream by the RPC they use", { details: { param: "stream" } });
  const startedAt = performance.now();
  const call: GatewayCall = {
    requestId: context.requestId,
    principal,
    endpoint: "chat.completions",
    model: parsed.model,
    stream,
    logger: context.logger,
    signal: context.signal,
    startedAt,
    startedAtIso: new Date().toISOString(),
    parameters: summarizeParameters(parsed),
  };
  return { call, parsed };
}

function namedCall(request: gatewayInferenceV1.ChatCompletionRequest, call: GatewayCall): NamedCall {
  return { projectId: call.principal.projectId, keyId: call.principal.keyId, callId: request.callId, requestJson: request.requestJson, signal: call.signal };
}

function parsePrincipal(json: string): Principal {
  const principal = JSON.parse(json || "{}") as Partial<Principal>;
  if (typeof principal.keyId !== "string" || typeof principal.projectId !== "string") throw new AppError("unauthenticated", "model call without a principal");
  return {
    keyId: principal.keyId,
    projectId: principal.projectId,
    orgId: principal.orgId ?? "",
    allowedModels: principal.allowedModels ?? [],
    allowedEndpoints: principal.allowedEndpoints ?? [],
    quotaPolicyIds: principal.quotaPolicyIds ?? [],
    ...(principal.expiresAtMs === undefined ? {} : { expiresAtMs: principal.expiresAtMs }),
  };
}
