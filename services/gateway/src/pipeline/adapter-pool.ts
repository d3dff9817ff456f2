import { UndiciTransport, createAdapter, type ProviderAdapter, type ProviderType } from "@llm-serve/adapters";

/** One adapter per provider type, all sharing one transport (one set of keep-alive pools). */
export class AdapterPool {
  readonly #transport = new UndiciTransport();
  readonly #adapters = new Map<ProviderType, ProviderAdapter>();

  get(provider: ProviderType): ProviderAdapter {
    let adapter = this.#adapters.get(provider);
    if (!adapter) {
      adapter = createAdapter(provider, { transport: this.#transport });
      this.#adapters.set(provider, adapter);
    }
    return adapter;
  }

  /** Closes the keep-alive pools (shutdown). */
  close(): Promise<void> {
    return this.#transport.close();
  }
}
