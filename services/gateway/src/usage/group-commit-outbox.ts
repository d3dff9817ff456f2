import { enqueueEvents, type EncodedEvent, type Knex, type Logger } from "@llm-serve/common";

interface Pending {
  event: EncodedEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Writes events to the outbox with group commit: every event written while a batch is in flight
 * joins the next batch, so under load one INSERT carries many events and at low load nothing waits
 * for a timer. A caller's promise resolves only once its event is durable in Postgres.
 */
export class GroupCommitOutbox {
  #pending: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Knex,
    private readonly logger: Logger,
    private readonly onCommitted: () => void,
    private readonly maxBatch = 500,
  ) {}

  write(event: EncodedEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      if (!this.#flushing) this.#flushing = this.#drain();
    });
  }

  /** Resolves when everything written so far is durable (shutdown). */
  async flush(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #drain(): Promise<void> {
    // Let the current turn of the event loop add its events to this batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.maxBatch);
      try {
        await enqueueEvents(this.db, batch.map((item) => item.event));
        for (const item of batch) item.resolve();
        this.onCommitted();
      } catch (error) {
        this.logger.error({ err: error, events: batch.length }, "could not write usage events to the outbox");
        for (const item of batch) item.reject(error);
      }
    }
    this.#flushing = undefined;
  }
}
