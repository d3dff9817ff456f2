import { KafkaEventBus, TOPICS, type Logger, type Subscription } from "@llm-serve/common";
import { waitFor } from "@llm-serve/testkit";
import type { FaultPlatform } from "./fault-platform.js";

/** Every usage event of one key as Kafka carries it: event ids per request id (duplicates counted). */
export class UsageTap {
  readonly deliveries = new Map<string, string[]>();
  #subscription: Subscription | undefined;

  private constructor(
    private readonly bus: KafkaEventBus,
    private readonly keyId: string,
  ) {}

  static async open(platform: FaultPlatform, keyId: string, logger: Logger): Promise<UsageTap> {
    const bus = new KafkaEventBus({ brokers: platform.env.KAFKA_BROKERS!.split(","), clientId: `tap-${platform.isolation}`, logger, namespace: platform.isolation });
    const tap = new UsageTap(bus, keyId);
    tap.#subscription = await bus.subscribe({
      groupId: `tap-${platform.isolation}-${keyId}`,
      topic: TOPICS.usageRecorded,
      fromBeginning: true,
      handler: async (event) => {
        if (event.payload.keyId !== tap.keyId) return;
        const ids = tap.deliveries.get(event.payload.requestId) ?? [];
        ids.push(event.envelope.eventId);
        tap.deliveries.set(event.payload.requestId, ids);
      },
    });
    return tap;
  }

  /** Distinct usage events (by event id). */
  get events(): number {
    let count = 0;
    for (const ids of this.deliveries.values()) count += new Set(ids).size;
    return count;
  }

  async close(): Promise<void> {
    await this.#subscription?.stop();
    await this.bus.close();
  }
}

/** The accounting of one key, read where each consumer keeps it. */
export interface Reconciliation {
  usageEvents: number;
  ledgerLines: number;
  analyticsRecords: number;
  quotaUsedTokens: number;
  quotaHeldTokens: number;
  /** Request ids with more than one ledger line or analytics record (double counting). */
  duplicated: number;
  /** Successful request ids absent from the ledger or from analytics (lost events). */
  missing: number;
}

export async function reconcile(platform: FaultPlatform, tap: UsageTap, key: { keyId: string; policyId: string }, successIds: ReadonlySet<string>): Promise<Reconciliation> {
  const ledger: Array<{ request_id: string }> = await platform.database("billing")("ledger_lines").where({ key_id: key.keyId }).select("request_id");
  const records: Array<{ request_id: string }> = await platform.database("analytics")("usage_events").where({ key_id: key.keyId }).select("request_id");
  const counts = (rows: Array<{ request_id: string }>) => rows.reduce((map, row) => map.set(row.request_id, (map.get(row.request_id) ?? 0) + 1), new Map<string, number>());
  const ledgerByRequest = counts(ledger);
  const recordsByRequest = counts(records);
  let duplicated = 0;
  let missing = 0;
  for (const id of successIds) {
    if ((ledgerByRequest.get(id) ?? 0) > 1 || (recordsByRequest.get(id) ?? 0) > 1 || new Set(tap.deliveries.get(id) ?? []).size > 1) duplicated += 1;
    if (!ledgerByRequest.has(id) || !recordsByRequest.has(id) || !tap.deliveries.has(id)) missing += 1;
  }
  const budget = await platform.budget(key.policyId);
  return { usageEvents: tap.events, ledgerLines: ledger.length, analyticsRecords: records.length, quotaUsedTokens: budget.used, quotaHeldTokens: budget.held, duplicated, missing };
}

/** Waits until every consumer holds exactly the successful requests; returns the figures and how long it took. */
export async function awaitReconciled(platform: FaultPlatform, tap: UsageTap, key: { keyId: string; policyId: string }, successIds: ReadonlySet<string>, expectedTokens: number, timeoutMs = 120_000) {
  const started = Date.now();
  let last: Reconciliation | undefined;
  try {
    await waitFor(
      async () => {
        last = await reconcile(platform, tap, key, successIds);
        const n = successIds.size;
        return last.usageEvents === n && last.ledgerLines === n && last.analyticsRecords === n && last.missing === 0 && last.quotaUsedTokens === expectedTokens && last.quotaHeldTokens === 0;
      },
      { timeoutMs, intervalMs: 500, description: "usage events, ledger lines, analytics records and the quota counter to match the successful requests" },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last figures ${JSON.stringify(last)} for ${successIds.size} successes and ${expectedTokens} tokens`);
  }
  return { figures: last!, reconciledAfterMs: Date.now() - started };
}
