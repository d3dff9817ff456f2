import { discoveryName, type Logger, type NacosClient, type NacosInstance } from "@llm-serve/common";

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
  /** Also asks the server every this many ms (default 1000): the only way to see the last instance leave (ADR 0014). */
  refreshMs?: number;
}

/**
 * Follows the healthy instances of `llm-serve.<service>` in Nacos: the `nacos` package's
 * subscription brings changes as the server pushes them, and a look of our own every `refreshMs`
 * (and on `refresh()`) catches what the package hides — a service whose last instance left, which
 * it keeps listing (ADR 0014).
 */
export class NacosResolver implements Resolver {
  #endpoints: Endpoint[] = [];
  readonly #firstLookup: Promise<void>;
  #closed = false;
  #inFlight: Promise<void> | undefined;
  #unsubscribe: Promise<(() => void) | undefined>;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NacosResolverOptions) {
    this.#firstLookup = this.#lookup();
    const { nacos, service, group, logger } = options;
    this.#unsubscribe = nacos.subscribeInstances(discoveryName(service), group, (instances) => this.#apply(instances)).catch((error: unknown) => {
      logger.warn({ err: error, target: service }, "nacos subscription failed; instances are looked up on demand only");
      return undefined;
    });
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
    void this.#unsubscribe.then((unsubscribe) => unsubscribe?.());
  }

  #lookup(): Promise<void> {
    this.#inFlight ??= this.#fetch().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #fetch(): Promise<void> {
    if (this.#closed) return;
    const { nacos, service, group, logger } = this.options;
    try {
      this.#apply(await nacos.listInstances(discoveryName(service), group, true));
    } catch (error) {
      // Keep the last known list: a Nacos hiccup must not take the platform down.
      logger.warn({ err: error, target: service }, "nacos lookup failed; keeping the last known instances");
    }
  }

  #apply(instances: readonly NacosInstance[]): void {
    if (this.#closed) return;
    const next = instances
      .filter((instance) => instance.enabled && instance.healthy && instance.weight > 0)
      .map((instance) => ({ address: `${instance.ip}:${instance.port}`, weight: instance.weight, metadata: instance.metadata }))
      .sort((a, b) => a.address.localeCompare(b.address));
    const before = this.#endpoints.map((endpoint) => endpoint.address).join(",");
    const after = next.map((endpoint) => endpoint.address).join(",");
    if (before !== after) this.options.logger.info({ target: this.options.service, endpoints: next.map((endpoint) => endpoint.address) }, "discovered instances changed");
    this.#endpoints = next;
  }
}
