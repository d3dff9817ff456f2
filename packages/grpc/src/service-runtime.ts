import { randomUUID } from "node:crypto";
import {
  ALL_TOPICS,
  ConfigWatcher,
  KafkaEventBus,
  Lifecycle,
  LiveConfig,
  NacosClient,
  OutboxRelay,
  ServiceRegistration,
  createDatabase,
  createMetricsRegistry,
  createRedis,
  discoveryName,
  migrateToLatest,
  startOpsServer,
  OutboxRelayThread,
  baseServiceEnv,
  type BaseServiceEnv,
  type Environment,
  type Knex,
  type Logger,
  type Migration,
  type Redis,
  type Registry,
} from "@llm-serve/common";
import { z } from "zod";
import { createServiceClient, type ClientOptions, type ServiceClient } from "./client.js";
import { NacosResolver } from "./resolver.js";
import { GrpcServer } from "./server.js";
import type { ServiceDefinitionOf } from "./types.js";

export interface ServiceRuntimeOptions {
  service: string;
  version: string;
  config: BaseServiceEnv;
  logger: Logger;
}

export interface StartedService {
  instanceId: string;
  grpcPort: number;
  metricsPort: number;
  address: string;
}

/**
 * What every LLM Serve process has in common, assembled once: gRPC server with health, ops server
 * with /metrics, Nacos registration and config, Kafka bus, Postgres, Redis and orderly shutdown.
 * A service's `app.ts` composes its own domain on top of it.
 */
export class ServiceRuntime {
  readonly instanceId = randomUUID();
  readonly lifecycle: Lifecycle;
  readonly grpc: GrpcServer;
  readonly metrics: Registry;
  readonly nacos: NacosClient;
  readonly logger: Logger;
  #bus: KafkaEventBus | undefined;
  #ready = false;
  #configWatched = false;

  constructor(private readonly options: ServiceRuntimeOptions) {
    this.logger = options.logger.child({ instanceId: this.instanceId });
    this.lifecycle = new Lifecycle(this.logger);
    this.metrics = createMetricsRegistry({ service: options.service, instance: this.instanceId });
    this.grpc = new GrpcServer({ logger: this.logger, metrics: this.metrics, service: options.service, version: options.version, instanceId: this.instanceId });
    this.nacos = new NacosClient({ serverAddr: options.config.NACOS_ADDR, namespace: options.config.NACOS_NAMESPACE, logger: this.logger });
    // Registered first, so it runs last: after deregistration and after every client's resolver.
    this.lifecycle.onShutdown("nacos-client", () => this.nacos.close());
  }

  get config(): BaseServiceEnv {
    return this.options.config;
  }

  get bus(): KafkaEventBus {
    if (!this.#bus) {
      const bus = new KafkaEventBus({
        brokers: [...this.options.config.KAFKA_BROKERS],
        clientId: `${this.options.service}-${this.instanceId.slice(0, 8)}`,
        logger: this.logger,
        namespace: this.options.config.EVENT_NAMESPACE,
      });
      this.#bus = bus;
      this.lifecycle.onShutdown("kafka", () => bus.close());
    }
    return this.#bus;
  }

  /** Opens the service's own schema and brings it to the latest migration. */
  async openDatabase(options: { url: string; schema: string; poolMax?: number; migrations: readonly Migration[] }): Promise<Knex> {
    const db = createDatabase(options);
    this.lifecycle.onShutdown("postgres", () => db.destroy());
    const report = await migrateToLatest(db, options.schema, options.migrations);
    this.logger.info({ schema: options.schema, applied: report.applied }, "migrations up to date");
    return db;
  }

  openRedis(url: string, keyPrefix = ""): Redis {
    const redis = createRedis({ url, keyPrefix });
    redis.on("error", (error) => this.logger.warn({ err: error }, "redis error"));
    this.lifecycle.onShutdown("redis", async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
    return redis;
  }

  /** Starts the relay of this service's outbox; it stops before the database closes. */
  startOutboxRelay(db: Knex): OutboxRelay {
    const relay = new OutboxRelay({ db, bus: this.bus, logger: this.logger });
    relay.start();
    this.lifecycle.onShutdown("outbox-relay", () => relay.stop());
    return relay;
  }

  /**
   * Starts the relay of this service's outbox on its own thread, with its own Postgres pool and
   * Kafka producer, off the event loop that serves requests (the gateway's request path).
   */
  async startOutboxRelayThread(database: { url: string; schema: string }): Promise<OutboxRelayThread> {
    const { config, service, version } = this.options;
    const relay = await OutboxRelayThread.start({
      database: { ...database, poolMax: 2 },
      kafka: { brokers: [...config.KAFKA_BROKERS], clientId: `${service}-relay-${this.instanceId.slice(0, 8)}`, namespace: config.EVENT_NAMESPACE },
      log: { service, version, level: config.LOG_LEVEL, bindings: { instanceId: this.instanceId } },
      logger: this.logger,
    });
    this.lifecycle.onShutdown("outbox-relay-thread", () => relay.stop());
    return relay;
  }

  /** A client of another service, found through Nacos. */
  client<D extends ServiceDefinitionOf>(definition: D, service: string, options: Omit<ClientOptions<D>, "service" | "resolver" | "logger"> = {}): ServiceClient<D> {
    const resolver = new NacosResolver({ nacos: this.nacos, service, group: this.options.config.NACOS_GROUP, logger: this.logger });
    const client = createServiceClient(definition, { ...options, service, resolver, logger: this.logger });
    this.lifecycle.onShutdown(`client:${service}`, () => {
      client.close();
      resolver.close();
    });
    return client;
  }

  /**
   * Follows the Nacos config `llm-serve.<service>` (group NACOS_GROUP) and applies it to `live`.
   * The document holds environment-style keys (JSON object or KEY=value lines).
   */
  async watchConfig<Schema extends z.ZodType>(live: LiveConfig<Schema>): Promise<void> {
    this.#configWatched = true;
    live.onChange((next) => {
      const level = (next as { LOG_LEVEL?: unknown }).LOG_LEVEL;
      if (typeof level === "string") this.setLogLevel(level);
    });
    const watcher = new ConfigWatcher({
      nacos: this.nacos,
      dataId: discoveryName(this.options.service),
      group: this.options.config.NACOS_GROUP,
      logger: this.logger,
      onDocument: (overrides, source) => live.apply(overrides, source),
    });
    this.lifecycle.onShutdown("config-watcher", () => watcher.stop());
    await watcher.start();
  }

  /** Applies a new level to the root logger and to the loggers requests derive from it. */
  setLogLevel(level: string): void {
    this.options.logger.level = level;
    this.logger.level = level;
  }

  async ensureTopics(): Promise<void> {
    await this.bus.ensureTopics(ALL_TOPICS);
  }

  /** Listens, then registers in Nacos once ready, then reports healthy. */
  async start(): Promise<StartedService> {
    const { config, service, version } = this.options;
    // Every service follows its Nacos config for at least LOG_LEVEL; services with more runtime
    // keys call watchConfig() themselves before start().
    if (!this.#configWatched) {
      const schema = z.object({ LOG_LEVEL: baseServiceEnv.shape.LOG_LEVEL });
      await this.watchConfig(liveConfig(schema, { LOG_LEVEL: config.LOG_LEVEL }, { LOG_LEVEL: config.LOG_LEVEL }, ["LOG_LEVEL"], this.logger));
    }
    const grpcPort = await this.grpc.listen(config.SERVICE_HOST, config.GRPC_PORT);
    this.lifecycle.onShutdown("grpc", () => this.grpc.shutdown());
    const ops = await startOpsServer({ host: config.SERVICE_HOST, port: config.METRICS_PORT, registry: this.metrics, isReady: () => this.#ready });
    this.lifecycle.onShutdown("ops-server", () => ops.close());

    const registration = new ServiceRegistration(
      this.nacos,
      {
        serviceName: discoveryName(service),
        groupName: config.NACOS_GROUP,
        ip: config.SERVICE_HOST,
        port: grpcPort,
        weight: config.INSTANCE_WEIGHT,
        metadata: { version, instanceId: this.instanceId, metricsPort: String(ops.port), protocol: "grpc" },
      },
      this.logger,
    );
    await registration.register();
    // Registered last, so it runs first: leave discovery before anything else closes.
    this.lifecycle.onShutdown("nacos-deregister", async () => {
      this.#ready = false;
      this.grpc.health.setAll(false);
      await registration.deregister();
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DRAIN_MS));
    });
    this.grpc.health.setAll(true);
    this.#ready = true;
    const address = `${config.SERVICE_HOST}:${grpcPort}`;
    this.logger.info({ address, metricsPort: ops.port }, "service ready");
    this.logger.flush();
    return { instanceId: this.instanceId, grpcPort, metricsPort: ops.port, address };
  }

  stop(): Promise<void> {
    return this.lifecycle.shutdown();
  }
}

/** Builds a LiveConfig for a loaded config: the keys listed may change at run time from Nacos. */
export function liveConfig<Schema extends z.ZodType>(schema: Schema, env: Environment, initial: z.infer<Schema>, reloadable: readonly string[], logger: Logger): LiveConfig<Schema> {
  return new LiveConfig(schema, env, new Set(reloadable), logger, initial);
}
