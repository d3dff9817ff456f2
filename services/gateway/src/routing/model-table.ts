import type { Logger } from "@llm-serve/common";
import type { modelRegistryV1 } from "@llm-serve/proto";

export interface TableModel {
  id: string;
  ownedBy: string;
  createdAtSeconds: number;
  providerType: string;
  status: string;
}

/**
 * The gateway's in-memory copy of the registry's model table, so the request path makes no RPC.
 * Refreshed periodically and whenever a model-change event arrives; a failed refresh keeps the last
 * good table.
 */
export class ModelTable {
  #models = new Map<string, TableModel>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly load: () => Promise<modelRegistryV1.Model[]>,
    private readonly logger: Logger,
  ) {}

  async start(refreshMs: () => number): Promise<void> {
    await this.refresh();
    const schedule = () => {
      this.#timer = setTimeout(() => void this.refresh().finally(schedule), refreshMs());
      this.#timer.unref();
    };
    schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }

  get(id: string): TableModel | undefined {
    return this.#models.get(id);
  }

  all(): TableModel[] {
    return [...this.#models.values()];
  }

  async refresh(): Promise<void> {
    try {
      const models = await this.load();
      this.#models = new Map(
        models.map((model) => [
          model.id,
          { id: model.id, ownedBy: model.ownedBy, createdAtSeconds: Math.floor(model.createdAtMs / 1000), providerType: model.providerType, status: model.status },
        ]),
      );
    } catch (error) {
      this.logger.warn({ err: error }, "model table refresh failed; keeping the last table");
    }
  }
}
