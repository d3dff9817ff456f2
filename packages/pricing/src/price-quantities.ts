import type { ImagePrice, PriceRule, Prices } from "./price-plan.js";
import type { UsageQuantities } from "./usage-quantities.js";

/** Every dimension is brought to this denominator: token prices are per one million tokens. */
const DENOMINATOR = 1_000_000n;
const MILLISECONDS_PER_SECOND = 1_000n;
const PARTS_PER_MILLION = 1_000_000n;

export interface RuleMatch {
  model: string;
  deploymentId: string;
  provider: string;
}

/**
 * The most specific rule for a request: a rule's non-empty fields must all match, and more
 * specific fields win (deployment 4, provider 2, model 1).
 */
export function selectRule(rules: readonly PriceRule[], match: RuleMatch): PriceRule | undefined {
  let best: PriceRule | undefined;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.model !== "" && rule.model !== match.model) continue;
    if (rule.deploymentId !== "" && rule.deploymentId !== match.deploymentId) continue;
    if (rule.provider !== "" && rule.provider !== match.provider) continue;
    const score = (rule.deploymentId ? 4 : 0) + (rule.provider ? 2 : 0) + (rule.model ? 1 : 0);
    if (score > bestScore) [best, bestScore] = [rule, score];
  }
  return best;
}

/**
 * The amount of one ledger line in micro-units: the exact sum of every dimension over one common
 * denominator, times the org's and project's multipliers (ppm), rounded up once (ADR 0018: per line,
 * upwards). Bills only add these.
 */
export function priceQuantities(prices: Prices, quantities: UsageQuantities, multipliersPpm: readonly bigint[] = []): bigint {
  const input = prices.inputPerMillion;
  const output = prices.outputPerMillion;
  const numerator =
    quantities.inputTokens * input +
    quantities.outputTokens * output +
    quantities.cachedInputReadTokens * (prices.cachedInputReadPerMillion ?? input) +
    quantities.cachedInputWriteTokens * (prices.cachedInputWritePerMillion ?? input) +
    quantities.reasoningTokens * (prices.reasoningPerMillion ?? output) +
    quantities.embeddingTokens * (prices.embeddingPerMillion ?? input) +
    quantities.audioMilliseconds * prices.audioMicrosPerSecond * (DENOMINATOR / MILLISECONDS_PER_SECOND) +
    quantities.images * imagePrice(prices.images, quantities.imageSize, quantities.imageQuality) * DENOMINATOR +
    quantities.requests * prices.microsPerRequest * DENOMINATOR;
  let scaled = numerator;
  let denominator = DENOMINATOR;
  for (const multiplier of multipliersPpm) {
    scaled *= multiplier;
    denominator *= PARTS_PER_MILLION;
  }
  return (scaled + denominator - 1n) / denominator;
}

/** Exact size and quality, then either one alone, then the catch-all; 0 when none is listed. */
function imagePrice(images: readonly ImagePrice[], size: string, quality: string): bigint {
  const candidates: Array<[string, string]> = [
    [size, quality],
    [size, ""],
    ["", quality],
    ["", ""],
  ];
  for (const [wantedSize, wantedQuality] of candidates) {
    const found = images.find((image) => image.size === wantedSize && image.quality === wantedQuality);
    if (found) return found.microsPerImage;
  }
  return 0n;
}
