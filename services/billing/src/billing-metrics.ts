import { Counter, Gauge, type Registry } from "@llm-serve/common";
import type { PendingReporter } from "./domain/billing-deps.js";
import type { LedgerLine } from "./domain/ledger-line.js";

/** What `/metrics` shows of usage billing cannot price yet. */
export class BillingMetrics implements PendingReporter {
  readonly #held: Counter<"reason">;
  readonly #pending: Gauge;
  readonly #cost: Counter<"model" | "provider" | "currency">;

  constructor(registry: Registry) {
    this.#held = new Counter({ name: "llmserve_billing_usage_held_total", help: "Usage events held because no price plan could price them, by reason", labelNames: ["reason"], registers: [registry] });
    this.#pending = new Gauge({ name: "llmserve_billing_pending_events", help: "Usage events waiting for a price plan", registers: [registry] });
    this.#cost = new Counter({
      name: "llmserve_billing_cost_micros_total",
      help: "Cost of the usage written to the ledger, in micro-units of its currency, by model and provider (the ledger is exact; this is its running sum)",
      labelNames: ["model", "provider", "currency"],
      registers: [registry],
    });
  }

  /** Lines just written to the ledger (each once: redeliveries are not passed here). */
  priced(lines: readonly LedgerLine[]): void {
    for (const line of lines) this.#cost.inc({ model: line.model, provider: line.provider, currency: line.currency }, Number(line.amountMicros));
  }

  held(reason: string, events: number): void {
    this.#held.inc({ reason }, events);
  }

  pendingNow(events: number): void {
    this.#pending.set(events);
  }
}
