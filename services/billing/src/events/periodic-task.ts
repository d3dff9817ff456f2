import type { Logger } from "@llm-serve/common";

/**
 * Runs a task on a timer and on demand, never two runs at once (a demand during a run runs it once
 * more afterwards). Used for pricing held usage and closing due cycles.
 */
export class PeriodicTask {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    private readonly options: { intervalMs: number; logger: Logger },
  ) {}

  start(): void {
    if (this.options.intervalMs > 0) this.#timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.#timer?.unref();
  }

  /** Runs now (or right after the current run); resolves when that run is over. */
  kick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#running;
  }

  async #run(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.task();
      } catch (error) {
        this.options.logger.error({ err: error, task: this.name }, "billing background task failed (it runs again on its timer)");
      }
    } while (this.#again && !this.#stopped);
  }
}
