import type { Knex, Logger } from "@llm-serve/common";

/**
 * The runs this instance advances after answering (non-streamed runs, resumed runs). At shutdown it
 * waits a little for them, then gives up the lease of those still going, so that another instance
 * resumes them at once (resume-runs.ts) rather than when the lease would have run out.
 */
export class BackgroundRuns {
  readonly #inFlight = new Map<string, Promise<unknown>>();
  #stopping = false;

  constructor(private readonly logger: Logger) {}

  start(runId: string, work: () => Promise<unknown>): void {
    const running = work()
      .catch((error: unknown) => this.logger.error({ err: error, runId }, "a run stopped on an unexpected error"))
      .finally(() => this.#inFlight.delete(runId));
    this.#inFlight.set(runId, running);
  }

  /** True once shutdown began: a model call failing now is the shutdown's doing, not the run's. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Shutdown began: called before the gRPC server cuts its streams, so that their runs see it. */
  markStopping(): void {
    this.#stopping = true;
  }

  /** Waits up to graceMs for the runs in flight; releases the leases of those still going. */
  async drain(db: Knex, graceMs: number): Promise<void> {
    this.#stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.#inFlight.values()]), timeout]);
    clearTimeout(timer);
    const left = [...this.#inFlight.keys()];
    if (left.length === 0) return;
    await db("runs").whereIn("id", left).whereIn("status", ["queued", "in_progress"]).update({ lease_until: new Date(0) });
    this.logger.info({ runs: left.length }, "stopping with runs in progress: released for another instance to resume");
  }
}
