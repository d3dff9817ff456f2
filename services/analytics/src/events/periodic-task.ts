import type { Logger } from "@llm-serve/common";

/** Runs a task now and then every interval, never two runs at once; a failed run is logged and tried again on the timer. */
export class PeriodicTask {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly task: () => Promise<unknown>,
    private readonly options: { intervalMs: number; logger: Logger },
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.run(), this.options.intervalMs);
    this.#timer.unref();
  }

  /** Runs now unless a run is under way (then waits for that one). */
  run(): Promise<void> {
    this.#running ??= this.task()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.error({ err: error, task: this.name }, "analytics background task failed (it runs again on its timer)"))
      .finally(() => (this.#running = undefined));
    return this.#running;
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
