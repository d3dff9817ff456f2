import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { gatewayInferenceV1 } from "@llm-serve/proto";
import type { ChatAnswer, ChatRequest, ModelCallOptions, ModelCaller } from "../ports/model-caller.js";
import { ChatAnswerBuilder, type ChatChunk } from "./chat-answer-builder.js";

/**
 * Model calls through the gateway's GatewayInference RPC: its routing, quota and usage path (ADR
 * 0024). Streamed (StreamChatCompletion, ADR 0029) when the caller wants the deltas as they arrive.
 */
export class GatewayModelCaller implements ModelCaller {
  constructor(
    private readonly gateway: ServiceClient<typeof gatewayInferenceV1.GatewayInferenceServiceService>,
    private readonly deadlineMs: number,
  ) {}

  async chat(principalJson: string, request: ChatRequest, requestId: string, options: ModelCallOptions = {}): Promise<ChatAnswer> {
    const wire = { principalJson, requestJson: JSON.stringify(request), endpoint: "chat.completions", callId: options.callId ?? "" };
    const callOptions = { requestId, deadlineMs: this.deadlineMs, ...(options.signal ? { signal: options.signal } : {}) };
    const answer = options.onDelta ? await this.#stream(wire, callOptions, options.onDelta) : (JSON.parse((await this.gateway.chatCompletion(wire, callOptions)).responseJson) as ChatAnswer);
    if (!Array.isArray(answer.choices) || answer.choices.length === 0) throw new AppError("upstream_error", "the model answered without a choice");
    return answer;
  }

  async #stream(wire: gatewayInferenceV1.ChatCompletionRequest, callOptions: { requestId: string; deadlineMs: number; signal?: AbortSignal }, onDelta: NonNullable<ModelCallOptions["onDelta"]>): Promise<ChatAnswer> {
    const builder = new ChatAnswerBuilder();
    for await (const message of this.gateway.streamChatCompletion(wire, callOptions)) {
      if (message.errorJson !== "") {
        const body = JSON.parse(message.errorJson) as { error?: { message?: string } };
        throw new AppError("upstream_error", body.error?.message ?? "the model call failed");
      }
      const delta = builder.add(JSON.parse(message.chunkJson) as ChatChunk);
      if (delta) onDelta(delta);
    }
    return builder.answer();
  }
}
