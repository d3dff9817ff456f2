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
   * Sends what this turn corked now. A settlement must leave before the answer it charges for: the
   * answer is written in the poll phase, before the turn's uncork, and a gateway killed in between
   * had answered a request it never charged (ADR 0039 amendment).
   */
  flush(): void {
    const socket = this.#corked;
    if (socket === undefined) return;
    this.#corked = undefined;
    socket.uncork();
  }
}
