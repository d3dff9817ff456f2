import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { eventsV1 } from "@llm-serve/proto";
import type { UsageSink } from "../ports/usage-sink.js";

/** A usage event as a kept answer carries it: its id, fixed when it was first stated, and its JSON. */
export interface HeldUsage {
  eventId: string;
  usage: unknown;
}

/**
 * The usage events of one request with an `Idempotency-Key`, held back from the sink until its
 * answer is kept (ADR 0039): the answer and its events are then written to the store in one step,
 * and only after that handed to the sink. A gateway that dies before that step has recorded
 * nothing for the request (a retry runs it again and records it); one that dies after has a kept
 * answer whose retry re-states the same events, with the same ids, which the outbox and every
 * consumer keep once.
 */
export class UsageHold {
  #held: Array<{ eventId: string; usage: eventsV1.UsageRecorded }> | undefined = [];
  /** The request's quota settlement, kept with its events: a replay makes it if its gateway did not. */
  settlement: unknown;
  /**
   * The settlement itself, made only when the hold is released: after the answer and its receipt
   * are kept. A gateway killed before that has charged nothing and kept nothing (the retry runs
   * again); one killed after has kept the receipt, which the replay makes (ADR 0039). Returns when
   * the settlement has left the process (undefined: it has).
   */
  #settle: (() => Promise<void> | undefined) | undefined;
  #released = false;

  constructor(private readonly sink: UsageSink) {}

  /** True while events are held (false once released: later events go straight to the sink). */
  take(usage: eventsV1.UsageRecorded): boolean {
    if (this.#held === undefined) return false;
    this.#held.push({ eventId: randomUUID(), usage });
    return true;
  }

  /** What is held, as the store keeps it (the hold goes on until `release`). */
  snapshot(): HeldUsage[] {
    return (this.#held ?? []).map((entry) => ({ eventId: entry.eventId, usage: eventsV1.UsageRecorded.toJSON(entry.usage) }));
  }

  /** Takes the settlement to make on release; false once released (the caller settles at once). */
  deferSettlement(settle: () => Promise<void> | undefined): boolean {
    if (this.#released || this.#settle !== undefined) return false;
    this.#settle = settle;
    return true;
  }

  /**
   * Makes the deferred settlement, then hands what is held to the sink, with its ids; every later
   * event goes straight to the sink. Resolves once the settlement has left the process (an answer
   * is written after that, as without a hold).
   */
  release(): Promise<void> | undefined {
    this.#released = true;
    const settle = this.#settle;
    this.#settle = undefined;
    let left: Promise<void> | undefined;
    try {
      left = settle?.();
    } catch {
      left = undefined;
    }
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const entry of held) this.sink.record(entry.usage, entry.eventId);
    return left;
  }

  /**
   * Releases, then waits (at most `limitMs`) until the sink has the events safe from a crash: a
   * client that received a kept answer will not retry, so nothing else would re-state its events
   * if this process died before its spool's next fdatasync (the fault suite saw one such loss).
   */
  async releaseDurably(limitMs = 2_000): Promise<void> {
    await this.release();
    if (!this.sink.durable) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.sink.durable().catch(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)))]);
    clearTimeout(timer);
  }
}

const holds = new AsyncLocalStorage<UsageHold>();

/** Runs `work` (the rest of the request's handling, or a named model call) with its usage events held by `hold`. */
export function withUsageHold<T>(hold: UsageHold, work: () => T): T {
  return holds.run(hold, work);
}

/** The pipeline's usage sink: events of a request whose usage is held go to its hold, and its settlement's receipt. */
export function holdingUsageSink(sink: UsageSink): UsageSink {
  return {
    accepting: () => sink.accepting(),
    settling(makeReceipt) {
      const hold = holds.getStore();
      if (hold) hold.settlement = makeReceipt();
    },
    deferSettlement(settle) {
      return holds.getStore()?.deferSettlement(settle) ?? false;
    },
    record(usage, eventId) {
      if (eventId !== undefined || !holds.getStore()?.take(usage)) sink.record(usage, eventId);
    },
  };
}

/**
 * Re-states the events of a kept answer (a replay): same ids, so nothing is counted twice; and makes
 * its quota settlement again, which counts once by its reservation id (the first gateway may have
 * died after keeping the answer and before settling).
 */
export function restateUsage(sink: UsageSink, answer: { usage?: readonly HeldUsage[]; settlement?: unknown }, settleAgain: ((receipt: unknown) => Promise<void>) | undefined): void {
  for (const entry of answer.usage ?? []) sink.record(eventsV1.UsageRecorded.fromJSON(entry.usage), entry.eventId);
  if (answer.settlement !== undefined && settleAgain) void settleAgain(answer.settlement);
}
