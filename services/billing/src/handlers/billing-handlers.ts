import type { ServiceHandlers } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import { addPricePlanVersion } from "../domain/add-price-plan-version.js";
import type { BillingDeps } from "../domain/billing-deps.js";
import { closeDueCycles } from "../domain/close-due-cycles.js";
import { createPriceModifier } from "../domain/create-price-modifier.js";
import { createPricePlan } from "../domain/create-price-plan.js";
import { estimateCost } from "../domain/estimate-cost.js";
import { getBill } from "../domain/get-bill.js";
import { getPendingUsage } from "../domain/get-pending-usage.js";
import { getPricePlan } from "../domain/get-price-plan.js";
import { getPriceSnapshot } from "../domain/get-price-snapshot.js";
import { getSpend } from "../domain/get-spend.js";
import { listBills } from "../domain/list-bills.js";
import { listPriceModifiers } from "../domain/list-price-modifiers.js";
import { listPricePlans } from "../domain/list-price-plans.js";
import { setBillingAccount } from "../domain/set-billing-account.js";
import { sumLedger } from "../domain/sum-ledger.js";
import { amountsToProto, billToProto, micros } from "./bill-proto.js";
import { modifierToProto, planToProto, quantitiesFromProto, rulesFromProto, tiersFromProto } from "./plan-proto.js";

/** proto <-> domain, nothing else. */
export function createBillingHandlers(deps: BillingDeps, hooks: { onPlanChanged: () => void }): ServiceHandlers<typeof billingV1.BillingServiceService> {
  return {
    createPricePlan: async (request) => {
      const plan = await createPricePlan(deps, { id: request.id, name: request.name, currency: request.currency, effectiveFrom: request.effectiveFrom, rules: rulesFromProto(request.rules), volumeTiers: tiersFromProto(request.volumeTiers) });
      hooks.onPlanChanged();
      return { plan: planToProto(plan) };
    },
    addPricePlanVersion: async (request) => {
      const plan = await addPricePlanVersion(deps, { planId: request.planId, effectiveFrom: request.effectiveFrom, rules: rulesFromProto(request.rules), volumeTiers: tiersFromProto(request.volumeTiers) });
      hooks.onPlanChanged();
      return { plan: planToProto(plan) };
    },
    getPricePlan: async (request) => ({ plan: planToProto(await getPricePlan(deps, { id: request.id })) }),
    listPricePlans: async (request) => {
      const page = await listPricePlans(deps, { limit: request.limit, after: request.after, order: request.order });
      return { plans: page.plans.map(planToProto), hasMore: page.hasMore };
    },
    estimateCost: async (request) => {
      const estimate = await estimateCost(deps, { model: request.model, deploymentId: request.deploymentId, provider: request.provider, quantities: quantitiesFromProto(request.quantities), at: request.at, orgId: request.orgId, projectId: request.projectId });
      return { amountMicros: micros(estimate.amountMicros), currency: estimate.currency, planId: estimate.planId, planVersion: estimate.planVersion };
    },
    getSpend: async (request) => {
      const spend = await getSpend(deps, { orgId: request.orgId, groupBy: request.groupBy });
      return {
        cycleStart: spend.cycle.start.toISOString(),
        cycleEnd: spend.cycle.end.toISOString(),
        items: spend.items.map((item) => ({ projectId: item.projectId, keyId: item.keyId, model: item.model, currency: item.currency, amountMicros: micros(item.amountMicros), requests: item.requests, kind: item.kind, planId: item.planId })),
        totals: amountsToProto(spend.totals),
        forecasts: amountsToProto(spend.forecasts),
      };
    },
    setBillingAccount: async (request) => {
      const account = await setBillingAccount(deps, { orgId: request.account?.orgId ?? "", anchorDay: request.account?.anchorDay ?? 0, timezone: request.account?.timezone ?? "" });
      return { account };
    },
    closeDueCycles: async (request) => ({ bills: (await closeDueCycles(deps, { orgId: request.orgId })).map(billToProto) }),
    listBills: async (request) => {
      const page = await listBills(deps, { orgId: request.orgId, limit: request.limit, after: request.after, order: request.order });
      return { bills: page.bills.map(billToProto), hasMore: page.hasMore };
    },
    getBill: async (request) => ({ bill: billToProto(await getBill(deps, { id: request.id })) }),
    getPendingUsage: async () => {
      const summary = await getPendingUsage(deps);
      return { events: summary.events, oldestReceivedAt: summary.oldestReceivedAt?.toISOString() ?? "" };
    },
    createPriceModifier: async (request) => {
      const modifier = await createPriceModifier(deps, { scope: request.scope, scopeId: request.scopeId, multiplierPpm: request.multiplierPpm, effectiveFrom: request.effectiveFrom });
      hooks.onPlanChanged();
      return { modifier: modifierToProto(modifier) };
    },
    getPriceSnapshot: async () => {
      const snapshot = await getPriceSnapshot(deps);
      return {
        prices: snapshot.prices.map((price) => ({ ...price, inputPerMillion: micros(price.inputPerMillion), outputPerMillion: micros(price.outputPerMillion) })),
        nextChangeAt: snapshot.nextChangeAt?.toISOString() ?? "",
        plans: snapshot.plans.map(planToProto),
        attachments: snapshot.attachments,
        modifiers: snapshot.modifiers.map(modifierToProto),
      };
    },
    sumLedger: async (request) => ({ sums: (await sumLedger(deps, request)).map((sum) => ({ ...sum, amountMicros: micros(sum.amountMicros) })) }),
    listPriceModifiers: async (request) => ({ modifiers: (await listPriceModifiers(deps, { scope: request.scope, scopeId: request.scopeId })).map(modifierToProto) }),
  };
}
