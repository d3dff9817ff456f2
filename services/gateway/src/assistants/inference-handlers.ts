import type { ChatCompletionRequest } from "@llm-serve/adapters";
import { AppError } from "@llm-serve/common";
import type { ServiceHandlers } from "@llm-serve/grpc";
import type { gatewayInferenceV1 } from "@llm-serve/proto";
import type { GatewayCall } from "../pipeline/gateway-call.js";
import { summarizeParameters } from "../pipeline/parameter-summary.js";
import type { PipelineDeps } from "../pipeline/pipeline-deps.js";
import type { Principal } from "../ports/authenticator.js";
import { chatBudget, executeUnaryChat, type TokenBudgetDefaults } from "../routes/chat-completions.js";
import { chatCompletionRequestSchema } from "../validation/chat-completion-request.js";
import { parseBody } from "../validation/parse-body.js";

/**
 * The model calls of the assistant service's runs and responses (ADR 0024). Each is a chat completion
 * through the same request path as POST /v1/chat/completions — the key's scopes, quota reservation,
 * routing with failover, one usage event per attempt — on behalf of the principal the gateway
 * authenticated when the run was asked for. Only our own services reach this gRPC port.
 */
export function createInferenceHandlers(deps: PipelineDeps, defaults: TokenBudgetDefaults): ServiceHandlers<typeof gatewayInferenceV1.GatewayInferenceServiceService> {
  return {
    chatCompletion: async (request, context) => {
      const principal = parsePrincipal(request.principalJson);
      const parsed = parseBody(chatCompletionRequestSchema, JSON.parse(request.requestJson || "{}")) as ChatCompletionRequest;
      if (parsed.stream === true) throw new AppError("invalid_request", "internal model calls are not streamed", { details: { param: "stream" } });
      const startedAt = performance.now();
      const call: GatewayCall = {
        requestId: context.requestId,
        principal,
        endpoint: "chat.completions",
        model: parsed.model,
        stream: false,
        logger: context.logger,
        signal: context.signal,
        startedAt,
        startedAtIso: new Date().toISOString(),
        parameters: summarizeParameters(parsed),
      };
      const result = await executeUnaryChat(deps, call, chatBudget(deps, defaults, call, parsed));
      return { responseJson: JSON.stringify(result.response) };
    },
  };
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
