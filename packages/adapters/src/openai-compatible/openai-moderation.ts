import { protocolError } from "../http/call-upstream.js";
import type { CallContext } from "../spec/call-context.js";
import type { ModerationInput, ModerationRequest, ModerationResponse } from "../spec/endpoint-types.js";
import type { AdapterResult } from "../spec/stream-part.js";
import { estimateTextUsage } from "../tokenizer/estimate-usage.js";
import { postJson, type OpenAIEndpointDeps } from "./openai-request.js";

export async function openAIModerate(deps: OpenAIEndpointDeps, request: ModerationRequest, context: CallContext): Promise<AdapterResult<ModerationResponse>> {
  const answer = await postJson(deps, "/moderations", request.model ?? "omni-moderation-latest", request, context);
  const response = answer.json as ModerationResponse;
  if (!Array.isArray(response.results)) throw protocolError(deps.settings.provider, "Upstream moderation answer has no results", response);
  // Moderation reports no usage; the input size is still worth metering.
  return { response, usage: await estimateTextUsage(moderationTexts(request.input)) };
}

export function moderationTexts(input: ModerationInput): string[] {
  if (typeof input === "string") return [input];
  return input.flatMap((item) => (typeof item === "string" ? [item] : item.type === "text" ? [item.text] : []));
}
