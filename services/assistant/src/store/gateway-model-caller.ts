import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { gatewayInferenceV1 } from "@llm-serve/proto";
import type { ChatAnswer, ChatRequest, ModelCaller } from "../ports/model-caller.js";

/** Model calls through the gateway's GatewayInference RPC: its routing, quota and usage path (ADR 0024). */
export class GatewayModelCaller implements ModelCaller {
  constructor(
    private readonly gateway: ServiceClient<typeof gatewayInferenceV1.GatewayInferenceServiceService>,
    private readonly deadlineMs: number,
  ) {}

  async chat(principalJson: string, request: ChatRequest, requestId: string): Promise<ChatAnswer> {
    const result = await this.gateway.chatCompletion({ principalJson, requestJson: JSON.stringify(request), endpoint: "chat.completions" }, { requestId, deadlineMs: this.deadlineMs });
    const answer = JSON.parse(result.responseJson) as ChatAnswer;
    if (!Array.isArray(answer.choices) || answer.choices.length === 0) throw new AppError("upstream_error", "the model answered without a choice");
    return answer;
  }
}
