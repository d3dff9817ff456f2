import { discoveryName, type Logger, type NacosClient } from "@llm-serve/common";

export interface Endpoint {
  /** host:port */
  address: string;
  weight: number;
  metadata: Record<string, string>;
}

/** Where a service's instances are, kept current. */
export interface Resolver {
  endpoints(): readonly Endpoint[];
  /** Resolves once the first lookup has answered (successfully or not). */
  ready(): Promise<void>;
  /** Asks for a fresh look now (after a call found an endpoint dead, or none at all). */
  refresh(): Promise<void>;
  close(): void;
}

export class StaticResolver implements Resolver {
  constructor(private readonly list: Endpoint[]) {}
  endpoints(): readonly Endpoint[] {
    return this.list;
  }
  ready(): Promise<void> {
    return Promise.resolve();
  }
  refresh(): Promise<void> {
    return Promise.resolve();
  }
  close(): void {}
}

export interface NacosResolverOptions {
  nacos: NacosClient;
  service: string;
  group: string;
  logger: Logger;
  /** How often to look again; a vanished instance stops being used within this time. */
  refreshMs?: number;
}

/**
 * Follows the healthy instances of `llm-serve.<service>` in Nacos by polling the open API
 * (the v1 HTTP API has no push). An instance that deregisters, or whose heartbeats stop, drops out
 * of the list at the next look.
 */
export class NacosResolver implements Resolver {
  #endpoints: Endpoint[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #firstLookup: Promise<void>;
  #closed = false;
  #inFlight: Promise<void> | undefined;

  constructor(private readonly options: NacosResolverOptions) {
    this.#firstLookup = this.#lookup();
    this.#timer = setInterval(() => void this.#lookup(), options.refreshMs ?? 1_000);
    this.#timer.unref();
  }

  endpoints(): readonly Endpoint[] {
    return this.#endpoints;
  }

  ready(): Promise<void> {
    return this.#firstLookup;
  }

  refresh(): Promise<void> {
    return this.#lookup();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
  }

  #lookup(): Promise<void> {
    this.#inFlight ??= this.#fetch().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    if (this.#closed) return;
    const { nacos, service, group, logger } = this.options;
    try {
      const instances = await nacos.listInstances(discoveryName(service), group, true);
      const next = instances
        .filter((instance) => instance.enabled && instance.healthy && instance.weight > 0)
        .map((instance) => ({ address: `${instance.ip}:${instance.port}`, weight: instance.weight, metadata: instance.metadata }))
        .sort((a, b) => a.address.localeCompare(b.address));
      const before = this.#endpoints.map((endpoint) => endpoint.address).join(",");
      const after = next.map((endpoint) => endpoint.address).join(",");
      if (before !== after) logger.info({ target: service, endpoints: next.map((endpoint) => endpoint.address) }, "discovered instances changed");
      this.#endpoints = next;
    } catch (error) {
      // Keep the last known list: a Nacos hiccup must not take the platform down.
      logger.warn({ err: error, target: service }, "nacos lookup failed; keeping the last known instances");
    }
  }
}
