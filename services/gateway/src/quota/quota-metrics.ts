import { Counter, Histogram, type Registry } from "@llm-serve/common";

export type DecisionOutcome = "admitted" | "unlimited" | "rate_limited" | "quota_exceeded" | "fail_open" | "fail_closed";

/** What `/metrics` shows of quota enforcement on this gateway. */
export class QuotaMetrics {
  readonly decisions: Counter<"outcome">;
  readonly failOpen: Counter<"scope" | "reason">;
  readonly reserveSeconds: Histogram<"outcome">;
  readonly settlementsDropped: Counter;
  readonly waits: Counter;

  constructor(registry: Registry) {
    this.decisions = new Counter({ name: "llmserve_quota_decisions_total", help: "Quota decisions on the request path", labelNames: ["outcome"], registers: [registry] });
    this.failOpen = new Counter({
      name: "llmserve_quota_fail_open_total",
      help: "Requests a fail-open policy let through unchecked, by policy scope and reason",
      labelNames: ["scope", "reason"],
      registers: [registry],
    });
    this.reserveSeconds = new Histogram({
      name: "llmserve_quota_reserve_duration_seconds",
      help: "Duration of quota reservations (one Redis script)",
      labelNames: ["outcome"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    this.waits = new Counter({ name: "llmserve_quota_admission_waits_total", help: "Requests refused only by holds in flight that waited in an admission queue", registers: [registry] });
    this.settlementsDropped = new Counter({ name: "llmserve_quota_settlements_dropped_total", help: "Settlements that never reached Redis within the retry window", registers: [registry] });
  }
}
