import type { billingV1 } from "@llm-serve/proto";

/** REST shapes of billing's answers: snake_case, amounts as integer micro-units. */
export function planView(plan: billingV1.PricePlan) {
  return {
    object: "billing.price_plan",
    id: plan.id,
    name: plan.name,
    currency: plan.currency,
    created_at: plan.createdAt,
    versions: plan.versions.map((version) => ({
      version: version.version,
      effective_from: version.effectiveFrom,
      created_at: version.createdAt,
      rules: version.rules.map((rule) => ({ model: rule.model, deployment_id: rule.deploymentId, provider: rule.provider, prices: pricesView(rule.prices) })),
      volume_tiers: version.volumeTiers.map((tier) => ({ from_micros: tier.fromMicros, multiplier_ppm: tier.multiplierPpm })),
    })),
  };
}

function pricesView(prices: billingV1.Prices | undefined) {
  const view: Record<string, unknown> = {
    input_per_million: prices?.inputPerMillion ?? 0,
    output_per_million: prices?.outputPerMillion ?? 0,
    audio_micros_per_second: prices?.audioMicrosPerSecond ?? 0,
    micros_per_request: prices?.microsPerRequest ?? 0,
    images: (prices?.images ?? []).map((image) => ({ size: image.size, quality: image.quality, micros_per_image: image.microsPerImage })),
  };
  const optional: Array<[string, number | undefined]> = [
    ["cached_input_read_per_million", prices?.cachedInputReadPerMillion],
    ["cached_input_write_per_million", prices?.cachedInputWritePerMillion],
    ["reasoning_per_million", prices?.reasoningPerMillion],
    ["embedding_per_million", prices?.embeddingPerMillion],
  ];
  for (const [name, value] of optional) if (value !== undefined) view[name] = value;
  return view;
}

const amounts = (list: readonly billingV1.CurrencyAmount[]) => list.map((amount) => ({ currency: amount.currency, amount_micros: amount.amountMicros }));

export function billItemView(item: billingV1.BillItem) {
  return {
    project_id: item.projectId,
    key_id: item.keyId,
    model: item.model,
    currency: item.currency,
    adjustment: item.adjustment,
    requests: item.requests,
    estimated_requests: item.estimatedRequests,
    amount_micros: item.amountMicros,
    kind: item.kind || "usage",
    plan_id: item.planId,
  };
}

export function billView(bill: billingV1.Bill) {
  return {
    object: "billing.bill",
    id: bill.id,
    org_id: bill.orgId,
    cycle_start: bill.cycleStart,
    cycle_end: bill.cycleEnd,
    closed_at: bill.closedAt,
    ledger_lines: bill.ledgerLines,
    totals: amounts(bill.totals),
    items: bill.items.map(billItemView),
  };
}

export function spendView(orgId: string, spend: billingV1.GetSpendResponse) {
  return {
    object: "billing.spend",
    org_id: orgId,
    cycle_start: spend.cycleStart,
    cycle_end: spend.cycleEnd,
    totals: amounts(spend.totals),
    forecast_to_cycle_end: amounts(spend.forecasts),
    items: spend.items.map((item) => ({ project_id: item.projectId, key_id: item.keyId, model: item.model, currency: item.currency, requests: item.requests, amount_micros: item.amountMicros, kind: item.kind || "usage", plan_id: item.planId })),
  };
}

export function modifierView(modifier: billingV1.PriceModifier) {
  return {
    object: "billing.price_modifier",
    id: modifier.id,
    scope: modifier.scope,
    scope_id: modifier.scopeId,
    multiplier_ppm: modifier.multiplierPpm,
    effective_from: modifier.effectiveFrom,
    created_at: modifier.createdAt,
  };
}
