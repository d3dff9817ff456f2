import { protocolError } from "../http/call-upstream.js";
import type { CallContext } from "../spec/call-context.js";
import type { Embedding, EmbeddingRequest, EmbeddingResponse } from "../spec/endpoint-types.js";
import type { AdapterResult } from "../spec/stream-part.js";
import { estimateTextUsage, promptTexts } from "../tokenizer/estimate-usage.js";
import { normalizeOpenAIUsage } from "./normalize-openai-usage.js";
import { postJson, type OpenAIEndpointDeps } from "./openai-request.js";

type RawObject = Record<string, unknown>;

export async function openAIEmbed(deps: OpenAIEndpointDeps, request: EmbeddingRequest, context: CallContext): Promise<AdapterResult<EmbeddingResponse>> {
  const answer = await postJson(deps, "/embeddings", request.model, request, context);
  const raw = answer.json as RawObject;
  if (!Array.isArray(raw.data)) throw protocolError(deps.settings.provider, "Upstream embeddings answer has no data", raw);
  const usage = normalizeOpenAIUsage(raw.usage) ?? (await estimateTextUsage(promptTexts(request.input)));
  const response: EmbeddingResponse = {
    object: "list",
    data: (raw.data as RawObject[]).map(
      (item, position): Embedding => ({
        object: "embedding",
        index: typeof item.index === "number" ? item.index : position,
        embedding: item.embedding as number[] | string,
      }),
    ),
    model: typeof raw.model === "string" ? raw.model : request.model,
    usage: { prompt_tokens: usage.promptTokens, total_tokens: usage.totalTokens },
  };
  return { response, usage };
}
