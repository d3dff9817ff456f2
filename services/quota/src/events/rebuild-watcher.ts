import type { Logger } from "@llm-serve/common";
import type { QuotaState } from "@llm-serve/quota-engine";

/**
 * Watches the counters' trust markers every tick: when the epoch is missing (Redis restarted
 * empty) or the heartbeat went backwards (Redis restored an older snapshot), one quota instance
 * rebuilds the counters from Postgres and sets the epoch again. Until then the gateways apply
 * each policy's fail mode.
 */
export interface RebuildReport {
  counters: number;
  durationMs: number;
}

export class RebuildWatcher {
  #timer: NodeJS.Timeout | undefined;
  #lastBeat = 0;
  #running: Promise<unknown> | undefined;

  constructor(
    private readonly state: QuotaState,
    private readonly rebuild: () => Promise<RebuildReport>,
    private readonly options: { intervalMs: number; owner: string; clock: () => number; logger: Logger },
  ) {}

  start(): void {
    const tick = () => {
      this.#running = this.check().finally(() => {
        if (this.#timer !== undefined) this.#timer = setTimeout(tick, this.options.intervalMs);
      });
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  /** Distrusts the counters (the gateways apply fail modes meanwhile) and rebuilds them now. */
  async forceRebuild(): Promise<RebuildReport | undefined> {
    await this.#running;
    await this.state.distrust();
    return this.check();
  }

  /** One look at the markers; rebuilds when needed and reports what it rebuilt. */
  async check(): Promise<RebuildReport | undefined> {
    const { logger } = this.options;
    try {
      const beat = Math.max(this.options.clock(), this.#lastBeat + 1);
      const previous = await this.state.beat(beat);
      if (previous < this.#lastBeat) {
        logger.warn({ previous, expected: this.#lastBeat }, "quota counters went back in time (Redis restored old data); rebuilding");
        await this.state.distrust();
      }
      this.#lastBeat = beat;
      if (await this.state.isTrusted()) return undefined;
      if (!(await this.state.tryLockRebuild(this.options.owner, 60_000))) return undefined;
      try {
        logger.warn("quota counters are not trusted (Redis lost its data); rebuilding from Postgres");
        const report = await this.rebuild();
        await this.state.markTrusted(this.options.clock());
        return report;
      } finally {
        await this.state.unlockRebuild(this.options.owner);
      }
    } catch (error) {
      logger.warn({ err: error }, "quota counter check failed; will retry");
      return undefined;
    }
  }
}
