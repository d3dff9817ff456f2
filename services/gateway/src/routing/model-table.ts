import type { Logger } from "@llm-serve/common";
import type { modelRegistryV1 } from "@llm-serve/proto";
import { tableModelFromProto } from "./routing-table-from-proto.js";
import type { TableModel } from "./table-types.js";

/**
 * The gateway's in-memory routing table (models, aliases, deployments with credentials), so the
 * request path makes no RPC. Refreshed whenever a model event arrives and periodically as a safety
 * net; refreshes never overlap (one asked for during another runs right after it); a failed refresh
 * keeps the last good table.
 */
export class ModelTable {
  #models = new Map<string, TableModel>();
  #byName = new Map<string, TableModel>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;
  readonly #listeners = new Set<(models: readonly TableModel[]) => void>();

  constructor(
    private readonly load: () => Promise<modelRegistryV1.RoutingModel[]>,
    private readonly logger: Logger,
  ) {}

  async start(refreshMs: () => number): Promise<void> {
    await this.refresh();
    const schedule = () => {
      this.#timer = setTimeout(() => void this.refresh().finally(schedule), Math.max(refreshMs(), 1_000));
      this.#timer.unref();
    };
    schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  onChange(listener: (models: readonly TableModel[]) => void): void {
    this.#listeners.add(listener);
  }

  /** By id or alias. */
  resolve(name: string): TableModel | undefined {
    return this.#byName.get(name);
  }

  all(): TableModel[] {
    return [...this.#models.values()];
  }

  /**
   * Loads the table again. A load already under way may have read before the caller's change, so
   * the caller then waits for one that starts after it (shared by every caller meanwhile).
   */
  refresh(): Promise<void> {
    if (this.#queued) return this.#queued;
    if (this.#running) {
      this.#queued = this.#running.then(() => {
        this.#queued = undefined;
        return this.refresh();
      });
      return this.#queued;
    }
    this.#running = this.#load().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #load(): Promise<void> {
    try {
      const models = (await this.load()).map(tableModelFromProto);
      const byName = new Map<string, TableModel>();
      for (const model of models) for (const name of [model.id, ...model.aliases]) byName.set(name, model);
      this.#models = new Map(models.map((model) => [model.id, model]));
      this.#byName = byName;
      for (const listener of this.#listeners) listener(models);
    } catch (error) {
      this.logger.warn({ err: error }, "routing table refresh failed; keeping the last table");
    }
  }
}
