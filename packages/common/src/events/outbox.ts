import type { Knex } from "knex";
import type { Logger } from "pino";
import type { EncodedEvent } from "./envelope.js";
import type { EventBus } from "./event-bus.js";
import type { Migration } from "../db/migrations.js";

const OUTBOX_TABLE = "outbox";
const PROCESSED_TABLE = "processed_events";

/** Every service that publishes events includes this migration in its list. */
export const outboxMigration: Migration = {
  name: "0000_create_outbox_and_processed_events",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable(OUTBOX_TABLE, (table) => {
      table.bigIncrements("seq").primary();
      table.uuid("event_id").notNullable().unique();
      table.text("topic").notNullable();
      table.text("message_key").notNullable();
      table.jsonb("headers").notNullable();
      table.text("payload").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("sent_at", { useTz: true }).nullable();
      table.integer("attempts").notNullable().defaultTo(0);
      table.text("last_error").nullable();
    });
    await db.raw(`CREATE INDEX outbox_unsent ON ??.?? (seq) WHERE sent_at IS NULL`, [schema, OUTBOX_TABLE]);
    await db.schema.withSchema(schema).createTable(PROCESSED_TABLE, (table) => {
      table.text("consumer_group").notNullable();
      table.text("event_id").notNullable();
      table.timestamp("processed_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.primary(["consumer_group", "event_id"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists(PROCESSED_TABLE);
    await db.schema.withSchema(schema).dropTableIfExists(OUTBOX_TABLE);
  },
};

/**
 * Writes events in the caller's transaction, beside the state change they describe: either both
 * commit or neither does. The relay sends them later.
 */
export async function enqueueEvents(db: Knex | Knex.Transaction, events: readonly EncodedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db(OUTBOX_TABLE).insert(
    events.map((event) => ({
      event_id: event.eventId,
      topic: event.topic,
      message_key: event.key,
      headers: JSON.stringify(event.headers),
      payload: event.value,
    })),
  );
}

/**
 * Records that a consumer group has handled an event, in the handler's transaction. Returns false
 * when it had been handled already: the caller then skips its effect (at-least-once delivery made
 * exactly-once in effect).
 */
export async function markEventProcessed(db: Knex | Knex.Transaction, consumerGroup: string, eventId: string): Promise<boolean> {
  const inserted = await db(PROCESSED_TABLE)
    .insert({ consumer_group: consumerGroup, event_id: eventId })
    .onConflict(["consumer_group", "event_id"])
    .ignore()
    .returning("event_id");
  return inserted.length === 1;
}

interface OutboxRow {
  seq: number;
  event_id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: string;
}

export interface OutboxRelayOptions {
  db: Knex;
  bus: EventBus;
  logger: Logger;
  batchSize?: number;
  /** How often an idle relay looks for new rows. `kick()` wakes it at once. */
  pollIntervalMs?: number;
  maxBackoffMs?: number;
  /** Sent rows are deleted once this old (the table would otherwise grow by every event forever). */
  retentionMs?: number;
  /** How often the relay deletes expired sent rows (at most `PRUNE_BATCH` per pass). */
  pruneIntervalMs?: number;
}

const PRUNE_BATCH = 10_000;

/**
 * Publishes unsent outbox rows in order and marks them sent. While Kafka is down the rows stay and
 * the relay backs off; when it returns they go out. Several relays (instances) may run at once:
 * rows are claimed with FOR UPDATE SKIP LOCKED. A crash between send and mark re-sends: consumers
 * deduplicate on the event id.
 */
export class OutboxRelay {
  readonly #options: Required<Omit<OutboxRelayOptions, "db" | "bus" | "logger">> & OutboxRelayOptions;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #prunedAt = Date.now();
  #stopped = true;
  #draining: Promise<void> | undefined;
  #failures = 0;

  constructor(options: OutboxRelayOptions) {
    this.#options = { batchSize: 200, pollIntervalMs: 250, maxBackoffMs: 5_000, retentionMs: 3_600_000, pruneIntervalMs: 60_000, ...options };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Wakes the relay now (after a commit that enqueued events). */
  kick(): void {
    if (!this.#stopped && !this.#running) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#draining;
  }

  /** Sends one batch; returns how many rows went out. */
  async drainOnce(): Promise<number> {
    const { db, bus, batchSize } = this.#options;
    return db.transaction(async (trx) => {
      const rows: OutboxRow[] = await trx(OUTBOX_TABLE)
        .select("seq", "event_id", "topic", "message_key", "headers", "payload")
        .whereNull("sent_at")
        .orderBy("seq")
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return 0;
      await bus.publish(
        rows.map((row) => ({
          topic: row.topic,
          key: row.message_key,
          eventId: row.event_id,
          headers: row.headers,
          value: row.payload,
        })),
      );
      await trx(OUTBOX_TABLE)
        .whereIn("seq", rows.map((row) => row.seq))
        .update({ sent_at: trx.fn.now(), attempts: trx.raw("attempts + 1") });
      return rows.length;
    });
  }

  /** Deletes sent rows older than the retention, oldest first; returns how many went. */
  async pruneOnce(): Promise<number> {
    const { db, retentionMs } = this.#options;
    const cutoff = new Date(Date.now() - retentionMs);
    const expired = db(OUTBOX_TABLE).select("seq").whereNotNull("sent_at").andWhere("sent_at", "<", cutoff).orderBy("seq").limit(PRUNE_BATCH);
    return db(OUTBOX_TABLE).whereIn("seq", expired).delete();
  }

  /** Rows not yet sent (for readiness, metrics and tests). */
  async pendingCount(): Promise<number> {
    const [row] = await this.#options.db(OUTBOX_TABLE).whereNull("sent_at").count<{ count: number }[]>({ count: "*" });
    return Number(row?.count ?? 0);
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#loop(), delayMs);
    this.#timer.unref();
  }

  async #loop(): Promise<void> {
    if (this.#stopped || this.#running) return;
    this.#running = true;
    let next = this.#options.pollIntervalMs;
    const run = (async () => {
      try {
        const sent = await this.drainOnce();
        if (Date.now() - this.#prunedAt >= this.#options.pruneIntervalMs) {
          this.#prunedAt = Date.now();
          const pruned = await this.pruneOnce().catch((error: unknown) => {
            this.#options.logger.warn({ err: error }, "outbox: expired sent rows could not be deleted; next time");
            return 0;
          });
          if (pruned > 0) this.#options.logger.debug({ pruned }, "outbox: expired sent rows deleted");
        }
        if (this.#failures > 0) this.#options.logger.info({ failures: this.#failures }, "outbox relay recovered");
        this.#failures = 0;
        if (sent === this.#options.batchSize) next = 0;
      } catch (error) {
        this.#failures += 1;
        next = Math.min(this.#options.pollIntervalMs * 2 ** this.#failures, this.#options.maxBackoffMs);
        const log = this.#failures === 1 || this.#failures % 20 === 0 ? "warn" : "debug";
        this.#options.logger[log]({ err: error, failures: this.#failures, retryInMs: next }, "outbox relay could not publish; events kept");
      }
    })();
    this.#draining = run;
    await run;
    this.#running = false;
    if (!this.#stopped) this.#schedule(next);
  }
}
