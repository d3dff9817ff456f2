import type { EncodedEvent, EventInput, Logger } from "@llm-serve/common";
import type { AccountStore } from "../store/account-store.js";
import type { BillStore } from "../store/bill-store.js";
import type { LedgerStore } from "../store/ledger-store.js";
import type { LedgerLine } from "./ledger-line.js";
import type { ModifierStore } from "../store/modifier-store.js";
import type { PricePlanStore } from "../store/price-plan-store.js";

/** Which price plan a model is attached to (the registry's `price_plan_id`); undefined = none. */
export interface ModelPlans {
  planIdOf(model: string): Promise<string | undefined>;
  /** Every model (by id and by each alias) with the plan it is attached to. */
  attachments(): Promise<Array<{ model: string; planId: string }>>;
}

/** What billing reports about usage it cannot price yet. */
export interface PendingReporter {
  held(reason: string, events: number): void;
  pendingNow(events: number): void;
  /** Lines newly written to the ledger (the cost metric). */
  priced?(lines: readonly LedgerLine[]): void;
}

export interface BillingDeps {
  plans: PricePlanStore;
  modifiers: ModifierStore;
  ledger: LedgerStore;
  bills: BillStore;
  accounts: AccountStore;
  modelPlans: ModelPlans;
  pendingReporter: PendingReporter;
  clock: () => number;
  newBillId: () => string;
  newModifierId: () => string;
  encode: <T>(event: EventInput<T>) => EncodedEvent;
  /** Sends what a transaction just wrote to the outbox without waiting for the relay's next pass. */
  kickRelay: () => void;
  logger: Logger;
}
