import type { Logger, Redis } from "@llm-serve/common";

export type WaitEnd = "woken" | "timeout" | "aborted";

/** A wake-up that arrived before its waiter registered (another connection answered first). */
const EARLY_WAKE_KEEP_MS = 5_000;

/**
 * The wake-ups of this gateway's queued requests. Scripts that free room or admit a waiter publish
 * the ticket of the first waiter in line on one channel; every gateway listens on one subscriber
 * connection and wakes its own waiter of that ticket, which then reserves again. No polling: a
 * waiter sleeps until woken, its deadline, or its client leaving.
 */
export class AdmissionWaiter {
  readonly #waiting = new Map<string, () => void>();
  readonly #early = new Map<string, number>();

  constructor(
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on("message", (channel: string, ticket: string) => {
      if (channel === this.channel) this.#wake(ticket);
    });
    await this.subscriber.subscribe(this.channel);
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  /** Resolves when the ticket is woken, after `timeoutMs`, or when `signal` aborts (first wins). */
  wait(ticket: string, timeoutMs: number, signal?: AbortSignal): Promise<WaitEnd> {
    if (signal?.aborted) return Promise.resolve("aborted");
    if (this.#early.delete(ticket)) return Promise.resolve("woken");
    return new Promise<WaitEnd>((resolve) => {
      const finish = (end: WaitEnd) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.#waiting.delete(ticket);
        resolve(end);
      };
      const onAbort = () => finish("aborted");
      const timer = setTimeout(() => finish("timeout"), Math.max(0, timeoutMs));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.set(ticket, () => finish("woken"));
    });
  }

  #wake(ticket: string): void {
    const wake = this.#waiting.get(ticket);
    if (wake) return wake();
    // Perhaps ours, with the reserve's answer still on its way: kept briefly for its waiter.
    const now = Date.now();
    this.#early.set(ticket, now);
    if (this.#early.size > 1_000) {
      for (const [early, at] of this.#early) if (now - at > EARLY_WAKE_KEEP_MS) this.#early.delete(early);
      if (this.#early.size > 10_000) {
        this.logger.warn({ dropped: this.#early.size }, "admission wake-ups for unknown tickets piling up; dropped");
        this.#early.clear();
      }
    }
  }
}
