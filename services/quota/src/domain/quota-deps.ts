import type { EncodedEvent, EventInput, Logger, Redis } from "@llm-serve/common";
import type { KeyLayout, QuotaSettings, QuotaState } from "@llm-serve/quota-engine";
import type { PriceBook } from "@llm-serve/pricing";
import type { NoticeStore } from "../store/notice-store.js";
import type { PolicyStore } from "../store/policy-store.js";
import type { UsageStore } from "../store/usage-store.js";

/** Everything the quota domain functions may use; each takes only the part it needs. */
export interface QuotaDeps {
  policies: PolicyStore;
  usage: UsageStore;
  notices: NoticeStore;
  /** The live platform settings (hot reloaded from Nacos). */
  settings: () => QuotaSettings;
  /** Billing's plans (ADR 0018): the usage record prices with the ledger's own function. */
  priceBook: () => PriceBook;
  /** Tells the gateways that policies or settings changed (they refresh their cache). */
  announce: () => Promise<void>;
  redis: Redis;
  layout: KeyLayout;
  state: QuotaState;
  clock: () => number;
  newPolicyId: () => string;
  /** Builds an event for this service's outbox (source `quota`, the configured namespace). */
  encode: <T>(input: EventInput<T>) => EncodedEvent;
  /** Wakes the outbox relay after a commit that enqueued events. */
  kickRelay: () => void;
  logger: Logger;
}
