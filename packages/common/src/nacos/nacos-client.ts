import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataClient, NacosNamingClient } from "nacos";
import pino, { type Logger } from "pino";

/**
 * Our port to Nacos, on the design card's `nacos` package (ADR 0014): its `NacosNamingClient`
 * registers, heartbeats and follows instances (UDP push plus its own polling), its config client
 * (`DataClient`, the one `NacosConfigClient` wraps) reads, publishes and long-polls configs. Both speak the Nacos 1.x HTTP open
 * API (served by Nacos 2.x/3.x and by r-nacos). This class adapts their shapes to ours and closes
 * them; the one request of our own is `listInstances` (see there).
 */
export interface NacosClientOptions {
  /** e.g. http://127.0.0.1:8848 (the package adds the `/nacos` context path). */
  serverAddr: string;
  namespace?: string;
  requestTimeoutMs?: number;
  /** Receives the package's own log lines (default: silent). */
  logger?: Logger;
  /** Where the config client keeps its last-read copies (read back while Nacos is away). */
  snapshotDir?: string;
}

export interface NacosInstance {
  ip: string;
  port: number;
  weight: number;
  healthy: boolean;
  enabled: boolean;
  metadata: Record<string, string>;
}

export interface InstanceRegistration {
  serviceName: string;
  groupName: string;
  ip: string;
  port: number;
  weight: number;
  metadata: Record<string, string>;
}

export class NacosError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "NacosError";
  }
}

export function md5(content: string): string {
  return createHash("md5").update(content, "utf8").digest("hex");
}

/** The part of the package's (untyped) naming client we use. */
interface NamingClient {
  ready(): Promise<void>;
  registerInstance(serviceName: string, instance: Record<string, unknown>, groupName: string): Promise<void>;
  deregisterInstance(serviceName: string, instance: Record<string, unknown>, groupName: string): Promise<void>;
  subscribe(info: { serviceName: string; groupName: string }, listener: (hosts: Array<Partial<NacosInstance>>) => void): void;
  unSubscribe(info: { serviceName: string; groupName: string }, listener: (hosts: Array<Partial<NacosInstance>>) => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  close(): Promise<void>;
}

type ConfigClient = InstanceType<typeof DataClient>;

export class NacosClient {
  readonly #options: NacosClientOptions;
  readonly #logger: Logger;
  #naming: Promise<NamingClient> | undefined;
  #config: Promise<ConfigClient> | undefined;

  constructor(options: NacosClientOptions) {
    this.#options = options;
    this.#logger = options.logger ?? pino({ level: "silent" });
  }

  get namespace(): string {
    return this.#options.namespace ?? "";
  }

  async registerInstance(instance: InstanceRegistration): Promise<void> {
    const naming = await this.#namingClient();
    await naming.registerInstance(instance.serviceName, { ip: instance.ip, port: instance.port, weight: instance.weight, metadata: instance.metadata, ephemeral: true, enabled: true, healthy: true }, instance.groupName);
  }

  async deregisterInstance(instance: Pick<InstanceRegistration, "serviceName" | "groupName" | "ip" | "port">): Promise<void> {
    const naming = await this.#namingClient();
    await naming.deregisterInstance(instance.serviceName, { ip: instance.ip, port: instance.port, ephemeral: true }, instance.groupName);
  }

  /**
   * The instances as the server lists them now. Our own request, not the package's: its naming
   * client treats an empty list as invalid and keeps answering the last instances it saw, so the
   * departure of a service's last instance would never show (ADR 0014, nacos-package.int.test.ts).
   */
  async listInstances(serviceName: string, groupName: string, healthyOnly = true): Promise<NacosInstance[]> {
    const query = new URLSearchParams({ serviceName, groupName, namespaceId: this.namespace, healthyOnly: String(healthyOnly) });
    const url = `${serverUrl(this.#options.serverAddr)}/nacos/v1/ns/instance/list?${query}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(this.#options.requestTimeoutMs ?? 5_000) });
    const text = await response.text();
    if (!response.ok) throw new NacosError(`nacos GET /v1/ns/instance/list answered ${response.status}: ${text.slice(0, 200)}`, response.status);
    const hosts = ((JSON.parse(text) as { hosts?: Array<Partial<NacosInstance>> }).hosts ?? []).map(toInstance);
    return healthyOnly ? hosts.filter((host) => host.healthy) : hosts;
  }

  /**
   * Calls `listener` with the service's instances now and on every change the server pushes or
   * the package's polling finds. Returns the unsubscribe function.
   */
  async subscribeInstances(serviceName: string, groupName: string, listener: (instances: NacosInstance[]) => void): Promise<() => void> {
    const naming = await this.#namingClient();
    const onHosts = (hosts: Array<Partial<NacosInstance>>) => listener(hosts.map(toInstance));
    naming.subscribe({ serviceName, groupName }, onHosts);
    return () => naming.unSubscribe({ serviceName, groupName }, onHosts);
  }

  /** The config's content, or undefined when it does not exist. */
  async getConfig(dataId: string, group: string): Promise<string | undefined> {
    const content = await (await this.#configClient()).getConfig(dataId, group, {});
    return content === null || content === undefined ? undefined : String(content);
  }

  async publishConfig(dataId: string, group: string, content: string): Promise<void> {
    const published = await (await this.#configClient()).publishSingle(dataId, group, content, { type: "text" } as never);
    if (!published) throw new NacosError(`nacos refused to publish config ${group}/${dataId}`, 500);
  }

  async removeConfig(dataId: string, group: string): Promise<void> {
    await (await this.#configClient()).remove(dataId, group, {});
  }

  /** Calls `listener` with the config's content on every change (the package's long-poll). Returns the unsubscribe function. */
  async subscribeConfig(dataId: string, group: string, listener: (content: string) => void): Promise<() => void> {
    const config = await this.#configClient();
    const onContent = (content: unknown) => listener(content === null || content === undefined ? "" : String(content));
    config.subscribe({ dataId, group }, onContent);
    return () => config.unSubscribe({ dataId, group }, onContent);
  }

  /** Stops the package's heartbeats, push receiver, polling and long-polls. */
  async close(): Promise<void> {
    const [naming, config] = [this.#naming, this.#config];
    this.#naming = this.#config = undefined;
    await (await naming?.catch(() => undefined))?.close();
    (await config?.catch(() => undefined))?.close();
  }

  #namingClient(): Promise<NamingClient> {
    this.#naming ??= (async () => {
      const client = new NacosNamingClient({
        logger: packageLogger(this.#logger) as unknown as Console,
        serverList: serverHostPort(this.#options.serverAddr),
        namespace: this.namespace,
      }) as unknown as NamingClient;
      client.on("error", (error) => this.#logger.warn({ err: error }, "nacos naming client error"));
      await client.ready();
      return client;
    })();
    return this.#naming;
  }

  #configClient(): Promise<ConfigClient> {
    this.#config ??= (async () => {
      // The config client without the package's cluster-client wrapper (NacosConfigClient), which
      // elects one process per host as leader on TCP port 7777 and sends every other process's
      // config calls through it (ADR 0014).
      const client = new DataClient({
        serverAddr: serverHostPort(this.#options.serverAddr),
        namespace: this.namespace,
        requestTimeout: this.#options.requestTimeoutMs ?? 5_000,
        cacheDir: this.#options.snapshotDir ?? join(tmpdir(), "llm-serve-nacos-snapshots"),
      });
      client.on("error", (error: Error) => this.#logger.warn({ err: error }, "nacos config client error"));
      await client.ready();
      return client;
    })();
    return this.#config;
  }
}

function toInstance(host: Partial<NacosInstance>): NacosInstance {
  return {
    ip: String(host.ip),
    port: Number(host.port),
    weight: Number(host.weight ?? 1),
    healthy: host.healthy !== false,
    enabled: host.enabled !== false,
    metadata: host.metadata ?? {},
  };
}

/** `http://host:port` (our setting, as the package's own paths add `/nacos`). */
function serverUrl(serverAddr: string): string {
  const url = new URL(serverAddr.includes("://") ? serverAddr : `http://${serverAddr}`);
  return `${url.protocol}//${url.hostname}:${url.port || "8848"}`;
}

/** Our setting to the package's `host:port`. */
function serverHostPort(serverAddr: string): string {
  return serverUrl(serverAddr).replace(/^[a-z]+:\/\//, "");
}

/** The package logs printf-style (`logger.info("%s", x)`) at info for every instance change: ours at debug. */
function packageLogger(logger: Logger) {
  const child = logger.child({ component: "nacos-sdk" });
  return {
    debug: (...args: unknown[]) => child.debug(args.map(String).join(" ")),
    info: (...args: unknown[]) => child.debug(args.map(String).join(" ")),
    warn: (...args: unknown[]) => child.warn(args.map(String).join(" ")),
    error: (...args: unknown[]) => child.warn(args.map(String).join(" ")),
  };
}
