import { TOPICS, type EventBus, type Logger, type Subscription } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { billingV1 } from "@llm-serve/proto";
import { EMPTY_PRICE_BOOK, priceBookFromWire, type PriceBook } from "@llm-serve/pricing";
import type { PriceTable } from "@llm-serve/quota-engine";

/**
 * Billing's price plans, quota's only prices (ADR 0018, 0021): a snapshot from billing, refreshed when
 * billing announces a plan change (`llmserve.billing.price-plan-updated.v1`), when a model's plan
 * attachment changes (`llmserve.model.config-updated.v1`), when the next known version takes effect,
 * and on a timer. Until the first snapshot, or while billing is unreachable, the last book stays
 * (none at all: a request under a cost budget is refused, never counted at zero).
 */
export class BillingPriceSource {
  #table: PriceTable = {};
  #book: PriceBook = EMPTY_PRICE_BOOK;
  #timer: NodeJS.Timeout | undefined;
  #nextChange: NodeJS.Timeout | undefined;
  #subscriptions: Subscription[] = [];
  #failing = false;

  constructor(
    private readonly billing: ServiceClient<typeof billingV1.BillingServiceService>,
    private readonly options: { refreshMs: number; logger: Logger; onChange: () => void },
  ) {}

  get table(): PriceTable {
    return this.#table;
  }

  /** Every attached plan, the attachments and the modifiers: cost budgets and the usage record price with these. */
  get book(): PriceBook {
    return this.#book;
  }

  /** One consumer group per instance: every quota instance refreshes its own table. */
  async start(bus: EventBus, instanceId: string): Promise<void> {
    const refresh = async () => void (await this.refresh());
    this.#subscriptions = await Promise.all([
      bus.subscribe({ groupId: `quota.billing-prices.${instanceId}`, topic: TOPICS.pricePlanUpdated, handler: refresh }),
      bus.subscribe({ groupId: `quota.model-prices.${instanceId}`, topic: TOPICS.modelConfigUpdated, handler: refresh }),
    ]);
    this.#timer = setInterval(() => void this.refresh(), this.options.refreshMs);
    this.#timer.unref();
    // Not awaited: quota must start while billing is away (cost budgets refuse until prices come).
    void this.refresh();
  }

  async refresh(): Promise<boolean> {
    try {
      const snapshot = await this.billing.getPriceSnapshot({});
      const table: Record<string, { promptMicrosPerMillionTokens: number; completionMicrosPerMillionTokens: number }> = {};
      for (const price of snapshot.prices) table[price.model] = { promptMicrosPerMillionTokens: price.inputPerMillion, completionMicrosPerMillionTokens: price.outputPerMillion };
      const book = priceBookFromWire(snapshot);
      this.#scheduleNextChange(snapshot.nextChangeAt);
      this.#failing = false;
      if (JSON.stringify(table) === JSON.stringify(this.#table) && book.version === this.#book.version) return true;
      this.#table = table;
      this.#book = book;
      this.options.onChange();
      return true;
    } catch (error) {
      // Once per outage at warn: the timer retries every refresh period.
      this.options.logger[this.#failing ? "debug" : "warn"]({ err: error }, "could not read prices from billing; keeping the last ones");
      this.#failing = true;
      return false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    clearTimeout(this.#nextChange);
    await Promise.all(this.#subscriptions.map((subscription) => subscription.stop()));
  }

  #scheduleNextChange(nextChangeAt: string): void {
    clearTimeout(this.#nextChange);
    const delay = Date.parse(nextChangeAt) - Date.now();
    // setTimeout holds at most ~24.8 days; the timer refresh covers anything further.
    if (!Number.isFinite(delay) || delay > 2_000_000_000) return;
    this.#nextChange = setTimeout(() => void this.refresh(), Math.max(0, delay) + 50);
    this.#nextChange.unref();
  }
}
