import { Counter, Gauge, type Registry } from "@llm-serve/common";
import type { PendingReporter } from "./domain/billing-deps.js";

/** What `/metrics` shows of usage billing cannot price yet. */
export class BillingMetrics implements PendingReporter {
  readonly #held: Counter<"reason">;
  readonly #pending: Gauge;

  constructor(registry: Registry) {
    this.#held = new Counter({ name: "llmserve_billing_usage_held_total", help: "Usage events held because no price plan could price them, by reason", labelNames: ["reason"], registers: [registry] });
    this.#pending = new Gauge({ name: "llmserve_billing_pending_events", help: "Usage events waiting for a price plan", registers: [registry] });
  }

  held(reason: string, events: number): void {
    this.#held.inc({ reason }, events);
  }

  pendingNow(events: number): void {
    this.#pending.set(events);
  }
}
