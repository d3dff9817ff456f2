import { discoveryName, type NacosClient } from "@llm-serve/common";
import type { AlertRule } from "../domain/alert-rule.js";
import type { ModelStatusStore } from "../store/model-status-store.js";
import type { LedgerCosts } from "../../domain/ledger-costs.js";
import { budgetCondition } from "./budget-spend.js";
import type { Measured, UsageSignals } from "./usage-signals.js";

export interface Condition {
  holds: boolean;
  value: number;
  summary: string;
}

export interface SignalSources {
  usage: UsageSignals;
  modelStatuses: ModelStatusStore;
  nacos: Pick<NacosClient, "listInstances">;
  nacosGroup: string;
  /** Billing's ledger sums (budget rules). */
  costs: LedgerCosts;
  clock: () => number;
}

/** Whether the rule's condition holds now, with the value measured. */
export async function conditionOf(sources: SignalSources, rule: AlertRule): Promise<Condition> {
  const over = (measured: Measured, unit: string, what: string): Condition => ({
    holds: measured.samples >= Math.max(rule.minRequests, 1) && measured.value >= rule.threshold,
    value: Math.round(measured.value * 100) / 100,
    summary: `${what} ${round(measured.value)}${unit} over ${rule.windowSeconds}s (${measured.samples} samples; threshold ${rule.threshold}${unit})`,
  });
  switch (rule.kind) {
    case "error_rate":
      return over(await sources.usage.errorRate(rule), "%", "error rate");
    case "latency_p99":
      return over(await sources.usage.latencyP99(rule), " ms", "p99 latency");
    case "quota_exceeded": {
      const refusals = await sources.usage.quotaRefusals(rule);
      const holds = refusals.value >= Math.max(rule.threshold, 1);
      return { holds, value: refusals.value, summary: `${refusals.value} quota refusals over ${rule.windowSeconds}s (threshold ${Math.max(rule.threshold, 1)})` };
    }
    case "model_status_error": {
      const [model, deployment] = rule.deployment ? rule.deployment.split("/") : [rule.model, undefined];
      const errors = await sources.modelStatuses.errors(model!, deployment);
      const reasons = errors.map((error) => `${error.deploymentId || "model"}: ${error.reason || "no reason given"}`).join("; ");
      return { holds: errors.length > 0, value: errors.length, summary: errors.length > 0 ? `${rule.deployment || rule.model} in error (${reasons})` : `${rule.deployment || rule.model} not in error` };
    }
    case "no_healthy_instance": {
      const healthy = (await sources.nacos.listInstances(discoveryName(rule.service), sources.nacosGroup, true)).length;
      return { holds: healthy === 0, value: healthy, summary: `${rule.service}: ${healthy} healthy instances` };
    }
    case "budget":
      return budgetCondition(sources.costs, rule, new Date(sources.clock()));
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
