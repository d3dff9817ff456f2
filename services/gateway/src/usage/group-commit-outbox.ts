import { enqueueEvents, type EncodedEvent, type Knex, type Logger } from "@llm-serve/common";

export interface GroupCommitOutboxOptions {
  /** Called after each committed batch (wakes the relay). */
  onCommitted: () => void;
  maxBatch?: number;
  /** Events held in memory (Postgres unreachable) beyond which `accepting()` says no. */
  maxBacklog?: number;
  /**
   * How long a batch gathers events before its INSERT (as Kafka's linger.ms): nobody waits for the
   * commit (ADR 0011), so a few milliseconds turn one transaction per request at low load into one
   * per few requests. 0: the next turn of the event loop.
   */
  lingerMs?: number;
  /** First and longest wait between attempts while Postgres refuses a batch. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Writes events to the outbox with group commit: every event written while a batch lingers or is
 * in flight joins the next batch, so one INSERT carries many events.
 *
 * `write` takes the event into memory synchronously — before the caller answers its client — and a
 * batch that Postgres refuses is kept and retried with backoff, in order, until it lands; nothing
 * is dropped while the process lives. A growing backlog turns `accepting()` false so that the
 * gateway stops taking new work rather than holding unbounded usage in memory (ADR 0011).
 */
export class GroupCommitOutbox {
  #pending: Array<EncodedEvent | (() => EncodedEvent)> = [];
  #draining: Promise<void> | undefined;
  #waiters: Array<() => void> = [];
  #stopped = false;
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  readonly #maxBacklog: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;

  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
    private readonly options: GroupCommitOutboxOptions,
  ) {
    this.#maxBatch = options.maxBatch ?? 500;
    this.#lingerMs = options.lingerMs ?? 0;
    this.#maxBacklog = options.maxBacklog ?? 100_000;
    this.#retryBaseMs = options.retryBaseMs ?? 100;
    this.#retryMaxMs = options.retryMaxMs ?? 5_000;
  }

  /** Events not yet committed. */
  get backlog(): number {
    return this.#pending.length;
  }

  accepting(): boolean {
    return this.#pending.length < this.#maxBacklog;
  }

  /**
   * Takes the event (synchronously) and commits it with the next batch. Given as a function, it is
   * encoded when its batch is written, off the caller's path (once: a retried batch keeps its ids).
   */
  write(event: EncodedEvent | (() => EncodedEvent)): void {
    this.#pending.push(event);
    this.#draining ??= this.#drain();
  }

  /**
   * Resolves when everything written so far is committed, or after `timeoutMs` (shutdown with
   * Postgres gone): what is then still in memory is logged as lost, with its count.
   */
  async flush(timeoutMs = 10_000): Promise<void> {
    if (!this.#draining) return;
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      new Promise<true>((resolve) => this.#waiters.push(() => resolve(true))),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!settled) {
      this.#stopped = true;
      this.logger.error({ events: this.#pending.length }, "usage events could not be committed before shutdown and are lost");
    }
  }

  async #drain(): Promise<void> {
    // Let the current turn of the event loop (and, with a linger, the next few milliseconds) add their events to this batch.
    await new Promise((resolve) => (this.#lingerMs > 0 ? setTimeout(resolve, this.#lingerMs) : setImmediate(resolve)));
    let failures = 0;
    while (this.#pending.length > 0 && !this.#stopped) {
      const batch = this.#encoded(Math.min(this.#pending.length, this.#maxBatch));
      try {
        // After a failure the INSERT may have committed all the same (a lost answer): write only what is not there.
        await enqueueEvents(this.db, failures === 0 ? batch : await this.#notYetCommitted(batch));
        this.#pending.splice(0, batch.length);
        failures = 0;
        this.options.onCommitted();
      } catch (error) {
        failures += 1;
        const waitMs = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** Math.min(failures - 1, 16));
        this.logger.error({ err: error, events: batch.length, backlog: this.#pending.length, retryInMs: waitMs }, "could not write usage events to the outbox; retrying");
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    this.#draining = undefined;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The first `count` pending events, encoded (and kept encoded). */
  #encoded(count: number): EncodedEvent[] {
    const batch: EncodedEvent[] = [];
    for (let index = 0; index < count; index += 1) {
      const item = this.#pending[index] as EncodedEvent | (() => EncodedEvent);
      const event = typeof item === "function" ? item() : item;
      this.#pending[index] = event;
      batch.push(event);
    }
    return batch;
  }

  async #notYetCommitted(batch: EncodedEvent[]): Promise<EncodedEvent[]> {
    const rows: Array<{ event_id: string }> = await this.db("outbox").select("event_id").whereIn("event_id", batch.map((event) => event.eventId));
    const committed = new Set(rows.map((row) => row.event_id));
    return batch.filter((event) => !committed.has(event.eventId));
  }
}
