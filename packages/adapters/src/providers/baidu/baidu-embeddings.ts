import { protocolError } from "../../http/call-upstream.js";
import type { EmbeddingRequest, EmbeddingResponse } from "../../spec/endpoint-types.js";
import type { AdapterResult } from "../../spec/stream-part.js";
import { createUsage } from "../../spec/usage.js";

/** v1 embeddings take `input` as an array of strings. */
export function baiduEmbeddingsBody(request: EmbeddingRequest): Record<string, unknown> {
  const input = Array.isArray(request.input) ? request.input.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [String(request.input)];
  return request.user === undefined ? { input } : { input, user_id: request.user };
}

/** `embedding_list` -> OpenAI `list` with the model name added. */
export function parseBaiduEmbeddings(json: unknown, request: EmbeddingRequest): AdapterResult<EmbeddingResponse> {
  const raw = json as { data?: Array<{ embedding?: number[]; index?: number }>; usage?: { prompt_tokens?: number; total_tokens?: number } };
  if (!Array.isArray(raw.data)) throw protocolError("baidu-wenxin", "Baidu embeddings answer has no data", json);
  const promptTokens = raw.usage?.prompt_tokens ?? 0;
  const usage = createUsage({ promptTokens, totalTokens: raw.usage?.total_tokens ?? promptTokens });
  const response: EmbeddingResponse = {
    object: "list",
    data: raw.data.map((item, position) => ({ object: "embedding", index: item.index ?? position, embedding: item.embedding ?? [] })),
    model: request.model,
    usage: { prompt_tokens: usage.promptTokens, total_tokens: usage.totalTokens },
  };
  return { response, usage };
}
