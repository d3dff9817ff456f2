import type { modelRegistryV1 } from "@llm-serve/proto";

export interface CatalogModel {
  id: string;
  ownedBy: string;
  createdAtSeconds: number;
  providerType: string;
  status: string;
}

export interface ModelSource {
  listModels(requestId: string): Promise<modelRegistryV1.Model[]>;
}

/**
 * The gateway's in-memory model table: read from the registry at most once per `maxAgeMs`, so the
 * request path makes no RPC per call. Concurrent refreshes share one RPC.
 */
export class ModelCatalog {
  #models: CatalogModel[] = [];
  #loadedAt = -Infinity;
  #refreshing: Promise<void> | undefined;

  constructor(
    private readonly source: ModelSource,
    private readonly maxAgeMs: () => number,
  ) {}

  async list(requestId: string): Promise<CatalogModel[]> {
    if (performance.now() - this.#loadedAt > this.maxAgeMs()) await this.#refresh(requestId);
    return this.#models;
  }

  async find(id: string, requestId: string): Promise<CatalogModel | undefined> {
    return (await this.list(requestId)).find((model) => model.id === id);
  }

  /** Forgets the table (an event said it changed). */
  invalidate(): void {
    this.#loadedAt = -Infinity;
  }

  #refresh(requestId: string): Promise<void> {
    this.#refreshing ??= this.source
      .listModels(requestId)
      .then((models) => {
        this.#models = models.map((model) => ({
          id: model.id,
          ownedBy: model.ownedBy,
          createdAtSeconds: Math.floor(model.createdAtMs / 1000),
          providerType: model.providerType,
          status: model.status,
        }));
        this.#loadedAt = performance.now();
      })
      .finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }
}
