/** The priceable quantities of one request, as billing reads them from a usage event or an estimate. */
export interface UsageQuantities {
  inputTokens: bigint;
  outputTokens: bigint;
  cachedInputReadTokens: bigint;
  cachedInputWriteTokens: bigint;
  reasoningTokens: bigint;
  embeddingTokens: bigint;
  audioMilliseconds: bigint;
  images: bigint;
  imageSize: string;
  imageQuality: string;
  requests: bigint;
}

export const NO_QUANTITIES: UsageQuantities = {
  inputTokens: 0n,
  outputTokens: 0n,
  cachedInputReadTokens: 0n,
  cachedInputWriteTokens: 0n,
  reasoningTokens: 0n,
  embeddingTokens: 0n,
  audioMilliseconds: 0n,
  images: 0n,
  imageSize: "",
  imageQuality: "",
  requests: 0n,
};

export interface ReportedUsage {
  endpoint: string;
  succeeded: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  audioMilliseconds: number;
  images: number;
}

const nonNegative = (value: number) => BigInt(Math.max(0, Math.trunc(value || 0)));

/**
 * The event's counts split so that nothing is priced twice: OpenAI-style prompt tokens include the
 * cached ones and completion tokens include the reasoning ones. Embeddings' input is embeddings
 * tokens. A request is charged its per-request price only when it succeeded.
 */
export function quantitiesFromUsage(usage: ReportedUsage): UsageQuantities {
  const prompt = nonNegative(usage.promptTokens);
  const cached = minimum(nonNegative(usage.cachedPromptTokens), prompt);
  const completion = nonNegative(usage.completionTokens);
  const reasoning = minimum(nonNegative(usage.reasoningTokens), completion);
  const embeddings = usage.endpoint === "embeddings";
  return {
    ...NO_QUANTITIES,
    inputTokens: embeddings ? 0n : prompt - cached,
    embeddingTokens: embeddings ? prompt : 0n,
    cachedInputReadTokens: embeddings ? 0n : cached,
    outputTokens: completion - reasoning,
    reasoningTokens: reasoning,
    audioMilliseconds: nonNegative(usage.audioMilliseconds),
    images: nonNegative(usage.images),
    requests: usage.succeeded ? 1n : 0n,
  };
}

function minimum(left: bigint, right: bigint): bigint {
  return left < right ? left : right;
}
