import { protocolError } from "../../http/call-upstream.js";
import type { EmbeddingRequest, EmbeddingResponse } from "../../spec/endpoint-types.js";
import type { AdapterResult } from "../../spec/stream-part.js";
import { estimateTextUsage, promptTexts } from "../../tokenizer/estimate-usage.js";

/** OpenAI embeddings request -> `models/{model}:batchEmbedContents` body (one request per input). */
export function buildGeminiEmbeddingsBody(request: EmbeddingRequest, model: string): Record<string, unknown> {
  const inputs = Array.isArray(request.input) ? request.input.map((item) => (typeof item === "string" ? item : JSON.stringify(item))) : [String(request.input)];
  return {
    requests: inputs.map((text) => ({
      model: `models/${model}`,
      // role as google-genai sends it, so the two requests are the same.
      content: { role: "user", parts: [{ text }] },
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
    })),
  };
}

/** `{embeddings:[{values}]}` -> OpenAI list. Gemini reports no token usage here, so it is estimated. */
export async function parseGeminiEmbeddings(json: unknown, request: EmbeddingRequest): Promise<AdapterResult<EmbeddingResponse>> {
  const embeddings = (json as { embeddings?: Array<{ values?: number[] }> }).embeddings;
  if (!Array.isArray(embeddings)) throw protocolError("gemini", "Gemini embeddings answer has no embeddings", json);
  const usage = await estimateTextUsage(promptTexts(request.input));
  const response: EmbeddingResponse = {
    object: "list",
    data: embeddings.map((item, index) => ({ object: "embedding", index, embedding: item.values ?? [] })),
    model: request.model,
    usage: { prompt_tokens: usage.promptTokens, total_tokens: usage.totalTokens },
  };
  return { response, usage };
}
