import type { billingV1 } from "@llm-serve/proto";

/** A rule pricing input and output tokens of a model (micro-units per 1M tokens). */
export function tokenRule(model: string, inputPerMillion: number, outputPerMillion: number, extra: Partial<billingV1.Prices> = {}): billingV1.PriceRule {
  return {
    model,
    deploymentId: "",
    provider: "",
    prices: { inputPerMillion, outputPerMillion, audioMicrosPerSecond: 0, microsPerRequest: 0, images: [], ...extra },
  };
}

/** The line amount by ADR 0018's rule: exact sum over 1M, rounded up once. */
export function expectedMicros(parts: Array<[tokens: number, perMillion: number]>): bigint {
  const numerator = parts.reduce((sum, [tokens, price]) => sum + BigInt(tokens) * BigInt(price), 0n);
  return (numerator + 999_999n) / 1_000_000n;
}
