import type { Logger } from "pino";

/**
 * Collects what a process opened, to close it in reverse order on shutdown. `main.ts` wires it to
 * SIGTERM/SIGINT; tests call `shutdown()` directly.
 */
export class Lifecycle {
  readonly #closers: Array<{ name: string; close: () => Promise<void> | void }> = [];
  #shutdown: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** Registers a closer; they run last-registered first. */
  onShutdown(name: string, close: () => Promise<void> | void): void {
    this.#closers.push({ name, close });
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#run();
    return this.#shutdown;
  }

  async #run(): Promise<void> {
    for (const { name, close } of [...this.#closers].reverse()) {
      try {
        await close();
      } catch (error) {
        this.logger.warn({ err: error, step: name }, "shutdown step failed");
      }
    }
    this.logger.info("shutdown complete");
    this.logger.flush();
  }
}
