import type { EncodedEvent, Knex, Logger } from "@llm-serve/common";
import type { UsageSpoolFile } from "./usage-spool-file.js";

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
  /**
   * Local disk copy of the backlog (a crash then loses only the events of the fsync in flight):
   * every event is appended and fdatasync'ed in batches, and the file is emptied whenever all it
   * holds is committed. Without one, a crash loses everything not committed yet.
   */
  spool?: UsageSpoolFile;
  /** Spool size beyond which `accepting()` says no. */
  maxSpoolBytes?: number;
}

/**
 * Writes events to the outbox with group commit: every event written while a batch lingers or is
 * in flight joins the next batch, so one INSERT carries many events.
 *
 * `write` takes the event into memory synchronously — before the caller answers its client — and a
 * batch that Postgres refuses is kept and retried with backoff, in order, until it lands; nothing
 * is dropped while the process lives. A growing backlog turns `accepting()` false so that the
 * gateway stops taking new work rather than holding unbounded usage in memory (ADR 0011).
 *
 * With a spool, the backlog is on disk too: events are sequenced (`#headSeq` is the sequence of
 * `#pending[0]`, everything before it is committed; everything before `#spooledSeq` is on disk) and
 * one spool pass at a time writes the events not on disk yet, or empties the file once the commits
 * have caught up with it.
 */
export class GroupCommitOutbox {
  #pending: Array<EncodedEvent | (() => EncodedEvent)> = [];
  #draining: Promise<void> | undefined;
  #waiters: Array<() => void> = [];
  #stopped = false;
  #headSeq = 0;
  #spooledSeq = 0;
  #spooling: Promise<void> | undefined;
  #spoolFailing = false;
  #closed = false;
  #spoolWaiters: Array<{ seq: number; wake: () => void }> = [];
  readonly #maxBatch: number;
  readonly #lingerMs: number;
  readonly #maxBacklog: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #maxSpoolBytes: number;

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
    this.#maxSpoolBytes = options.maxSpoolBytes ?? 256 * 1024 * 1024;
  }

  /** Events not yet committed. */
  get backlog(): number {
    return this.#pending.length;
  }

  accepting(): boolean {
    if (this.#pending.length >= this.#maxBacklog) return false;
    const spool = this.options.spool;
    return !spool || (!this.#spoolFailing && spool.bytes < this.#maxSpoolBytes);
  }

  /**
   * Takes the event (synchronously) and commits it with the next batch. Given as a function, it is
   * encoded when its batch is written, off the caller's path (once: a retried batch keeps its ids).
   */
  write(event: EncodedEvent | (() => EncodedEvent)): void {
    this.#pending.push(event);
    this.#draining ??= this.#drain();
    if (this.options.spool) this.#spooling ??= this.#spoolPass();
  }

  /**
   * Takes over events of a dead instance's spool; resolves once they are in this instance's spool
   * (or committed), when the dead instance's file may go. They may be in the outbox already (a
   * crash between the commit and the emptying of its spool): the commit skips event ids it has.
   */
  async adopt(events: readonly EncodedEvent[]): Promise<void> {
    for (const event of events) this.write(event);
    const seq = this.#end();
    if (!this.options.spool || this.#spooledSeq >= seq) return;
    await new Promise<void>((wake) => this.#spoolWaiters.push({ seq, wake }));
  }

  /**
   * Resolves once every event taken so far survives a crash of this process: on disk in the spool,
   * or committed. (An idempotent answer is sent only then, ADR 0039.)
   */
  durable(): Promise<void> {
    const seq = this.#end();
    if (Math.max(this.#spooledSeq, this.#headSeq) >= seq) return Promise.resolve();
    return new Promise<void>((wake) => this.#spoolWaiters.push({ seq, wake }));
  }

  /**
   * Resolves when everything written so far is committed, or after `timeoutMs` (shutdown with
   * Postgres gone): what is then still in memory is logged as lost, with its count.
   */
  async flush(timeoutMs = 10_000): Promise<void> {
    await this.#flushCommits(timeoutMs);
    await this.#spooling;
  }

  /** Shutdown: `flush`, then closes the spool (deleted when empty, else left for the next start to replay). */
  async close(timeoutMs = 10_000): Promise<void> {
    await this.#flushCommits(timeoutMs);
    this.#closed = true;
    await this.#spooling;
    await this.options.spool?.close();
  }

  async #flushCommits(timeoutMs: number): Promise<void> {
    if (!this.#draining) return;
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      new Promise<true>((resolve) => this.#waiters.push(() => resolve(true))),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (!settled) {
      this.#stopped = true;
      if (this.options.spool) this.logger.error({ events: this.#pending.length }, "usage events could not be committed before shutdown; they stay in the spool for the next start");
      else this.logger.error({ events: this.#pending.length }, "usage events could not be committed before shutdown and are lost");
    }
  }

  async #drain(): Promise<void> {
    // Let the current turn of the event loop (and, with a linger, the next few milliseconds) add their events to this batch.
    await new Promise((resolve) => (this.#lingerMs > 0 ? setTimeout(resolve, this.#lingerMs) : setImmediate(resolve)));
    let failures = 0;
    while (this.#pending.length > 0 && !this.#stopped) {
      const batch = this.#encoded(Math.min(this.#pending.length, this.#maxBatch));
      try {
        await insertSkippingCommitted(this.db, batch);
        this.#pending.splice(0, batch.length);
        this.#headSeq += batch.length;
        this.#wakeSpoolWaiters();
        failures = 0;
        this.options.onCommitted();
        if (this.options.spool) this.#spooling ??= this.#spoolPass();
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

  /** Writes what is not on disk yet, or empties the file once everything in it is committed; until neither is left to do. */
  async #spoolPass(): Promise<void> {
    const spool = this.options.spool!;
    let failures = 0;
    for (;;) {
      // Everything on disk is committed: the file can be emptied.
      const caughtUp = this.#headSeq >= this.#spooledSeq;
      if (Math.max(this.#spooledSeq, this.#headSeq) >= this.#end() && !(caughtUp && spool.bytes > 0)) break;
      try {
        if (caughtUp) await spool.truncate();
        // Recomputed after the await: what was committed meanwhile needs no disk copy.
        const begin = Math.max(this.#spooledSeq, this.#headSeq);
        const end = this.#end();
        if (begin < end) await spool.append(this.#encoded(end - this.#headSeq).slice(begin - this.#headSeq));
        this.#spooledSeq = Math.max(this.#spooledSeq, end);
        this.#spoolFailing = false;
        failures = 0;
        this.#wakeSpoolWaiters();
      } catch (error) {
        failures += 1;
        this.#spoolFailing = true;
        if (this.#closed) break;
        const waitMs = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** Math.min(failures - 1, 16));
        this.logger.error({ err: error, backlog: this.#pending.length, retryInMs: waitMs }, "could not write usage events to the local spool; taking no new work until it works");
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
    this.#spooling = undefined;
  }

  /** The sequence after the last event taken. */
  #end(): number {
    return this.#headSeq + this.#pending.length;
  }

  #wakeSpoolWaiters(): void {
    const reached = Math.max(this.#spooledSeq, this.#headSeq);
    this.#spoolWaiters = this.#spoolWaiters.filter((waiter) => (waiter.seq <= reached ? (waiter.wake(), false) : true));
  }
}

/**
 * One INSERT for the batch, skipping event ids the table holds already: a failed attempt may have
 * committed all the same (a lost answer), and a replayed spool may hold committed events.
 */
async function insertSkippingCommitted(db: Knex, batch: readonly EncodedEvent[]): Promise<void> {
  if (batch.length === 0) return;
  const rows = batch.map((event) => ({ event_id: event.eventId, topic: event.topic, message_key: event.key, headers: JSON.stringify(event.headers), payload: event.value }));
  await db("outbox").insert(rows).onConflict("event_id").ignore();
}
