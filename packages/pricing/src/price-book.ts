import { multipliersAt, type PriceModifier } from "./price-modifier.js";
import { versionInForce, type PricePlan, type Prices } from "./price-plan.js";
import { priceQuantities } from "./price-quantities.js";
import { priceRequest, type PricedRequest, type RequestToPrice, type UnpricedReason } from "./price-request.js";
import { NO_QUANTITIES } from "./usage-quantities.js";

/**
 * Billing's price plans as a price holder keeps them (quota, every gateway): each attached plan with
 * all its versions, the model → plan attachments, and every org/project modifier. `version`
 * changes whenever any of it does.
 */
export interface PriceBook {
  version: string;
  plans: ReadonlyMap<string, PricePlan>;
  /** Model id or alias → plan id. */
  planOf: ReadonlyMap<string, string>;
  modifiers: readonly PriceModifier[];
}

export const EMPTY_PRICE_BOOK: PriceBook = { version: "empty", plans: new Map(), planOf: new Map(), modifiers: [] };

/** `priceRequest` with the plan the book attaches to the request's model. */
export function priceWithBook(book: PriceBook, request: RequestToPrice): PricedRequest | { unpriced: UnpricedReason } {
  const planId = book.planOf.get(request.model);
  return priceRequest(request, planId, planId === undefined ? undefined : book.plans.get(planId), book.modifiers);
}

export interface HoldRequest {
  model: string;
  orgId: string;
  projectId: string;
  at: Date;
  /** An upper bound of every token the request may use, whatever kind (input, output, cached, reasoning). */
  tokens: number;
}

/**
 * An upper bound, in micro-units, of what the ledger will charge a request of which only a token
 * bound is known yet (a cost budget's hold): every token at the dearest token price of any rule
 * that can match the model (any deployment, any provider) in the version in force, plus the
 * dearest per-request price, times the org's and project's multipliers in force, rounded up once.
 * Images and audio are not known before the answer: they are charged at settlement, not held.
 * Undefined when nothing prices the model (a cost budget must then refuse, never count zero).
 */
export function holdBound(book: PriceBook, request: HoldRequest): bigint | undefined {
  const planId = book.planOf.get(request.model);
  const plan = planId === undefined ? undefined : book.plans.get(planId);
  const version = plan && versionInForce(plan, request.at);
  const candidates = version?.rules.filter((rule) => rule.model === "" || rule.model === request.model) ?? [];
  if (candidates.length === 0) return undefined;
  let perToken = 0n;
  let perRequest = 0n;
  for (const { prices } of candidates) {
    perToken = [perToken, ...tokenPrices(prices)].reduce(larger);
    perRequest = larger(perRequest, prices.microsPerRequest);
  }
  const bound: Prices = { inputPerMillion: perToken, outputPerMillion: perToken, audioMicrosPerSecond: 0n, microsPerRequest: perRequest, images: [] };
  const { orgPpm, projectPpm } = multipliersAt(book.modifiers, request, request.at);
  return priceQuantities(bound, { ...NO_QUANTITIES, inputTokens: BigInt(Math.max(0, Math.trunc(request.tokens))), requests: 1n }, [orgPpm, projectPpm]);
}

function tokenPrices(prices: Prices): bigint[] {
  const input = prices.inputPerMillion;
  const output = prices.outputPerMillion;
  return [input, output, prices.cachedInputReadPerMillion ?? input, prices.cachedInputWritePerMillion ?? input, prices.reasoningPerMillion ?? output, prices.embeddingPerMillion ?? input];
}

function larger(left: bigint, right: bigint): bigint {
  return left > right ? left : right;
}
