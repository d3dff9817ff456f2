import type { Redis } from "ioredis";

interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Sends the commands of one event-loop turn in one socket write, as ioredis's auto-pipelining does,
 * without its cost: auto-pipelining builds a Pipeline object (and its promises) per turn, which at
 * low concurrency is one per command and measurably the largest allocation of the request path.
 * The first command of a turn corks the connection's socket; it is uncorked after the turn's I/O.
 */
export class TurnCoalescer {
  #corked: Corkable | undefined;
  #sent: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly redis: Redis) {}

  /** Call before sending a command. */
  cork(): void {
    if (this.#corked !== undefined || this.redis.status !== "ready") return;
    const stream = this.redis.stream as Partial<Corkable> | undefined;
    if (typeof stream?.cork !== "function" || typeof stream.uncork !== "function") return;
    const socket = stream as Corkable;
    socket.cork();
    this.#corked = socket;
    setImmediate(() => this.flush());
  }

  /**
   * Resolves once what this turn corked has been handed to the socket (undefined when nothing is
   * corked: what was sent left already). One promise per turn, shared by every caller: a settlement
   * must leave before the answer it charges for is written, so the answer waits for this (ADR 0039
   * amendment), and the turn's commands still leave in one write.
   */
  sent(): Promise<void> | undefined {
    if (this.#corked === undefined) return undefined;
    if (this.#sent === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((wake) => (resolve = wake));
      this.#sent = { promise, resolve };
    }
    return this.#sent.promise;
  }

  /** Sends what this turn corked now, then wakes whoever waits for it (`sent`). */
  flush(): void {
    const socket = this.#corked;
    if (socket === undefined) return;
    this.#corked = undefined;
    socket.uncork();
    const sent = this.#sent;
    this.#sent = undefined;
    sent?.resolve();
  }
}
