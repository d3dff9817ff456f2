import {
  Server,
  ServerCredentials,
  type Metadata,
  type ServerUnaryCall,
  type sendUnaryData,
  type UntypedServiceImplementation,
  type ServerWritableStream,
} from "@grpc/grpc-js";
import { Histogram, acceptRequestId, toAppError, type Logger, type Registry, REQUEST_ID_HEADER } from "@llm-serve/common";
import { commonV1, healthV1 } from "@llm-serve/proto";
import { appErrorToServiceError } from "./error-status.js";
import { wrapServerStream, type ServerStreamHandler } from "./server-stream.js";
import type { RequestOf, ResponseOf, ServerStreamingMethodNames, ServiceDefinitionOf, UnaryMethodNames } from "./types.js";

export interface CallContext {
  requestId: string;
  logger: Logger;
  metadata: Metadata;
  /** Aborted when the caller cancels or its deadline passes. */
  signal: AbortSignal;
}

export type UnaryHandler<Request, Response> = (request: Request, context: CallContext) => Promise<Response>;

/** Async handlers for every unary method of a definition, and a push handler for each server-streaming one. */
export type ServiceHandlers<D extends ServiceDefinitionOf> = {
  [K in UnaryMethodNames<D>]: UnaryHandler<RequestOf<D[K]>, ResponseOf<D[K]>>;
} & {
  [K in ServerStreamingMethodNames<D>]: ServerStreamHandler<RequestOf<D[K]>, ResponseOf<D[K]>>;
};

type ServingStatus = healthV1.HealthCheckResponse_ServingStatus;
const SERVING = healthV1.HealthCheckResponse_ServingStatus.SERVING;
const NOT_SERVING = healthV1.HealthCheckResponse_ServingStatus.NOT_SERVING;
const SERVICE_UNKNOWN = healthV1.HealthCheckResponse_ServingStatus.SERVICE_UNKNOWN;

/** The standard grpc.health.v1 service: "" is the whole process, other names are its services. */
export class HealthReporter {
  readonly #statuses = new Map<string, ServingStatus>([["", NOT_SERVING]]);
  readonly #watchers = new Set<{ service: string; call: ServerWritableStream<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse> }>();

  setStatus(service: string, serving: boolean): void {
    const status = serving ? SERVING : NOT_SERVING;
    this.#statuses.set(service, status);
    for (const watcher of this.#watchers) if (watcher.service === service) watcher.call.write({ status });
  }

  setAll(serving: boolean): void {
    for (const service of this.#statuses.keys()) this.setStatus(service, serving);
  }

  isServing(service = ""): boolean {
    return this.#statuses.get(service) === SERVING;
  }

  implementation(): UntypedServiceImplementation {
    return {
      check: (call: ServerUnaryCall<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>, callback: sendUnaryData<healthV1.HealthCheckResponse>) => {
        const status = this.#statuses.get(call.request.service);
        if (status === undefined) callback({ code: 5, details: `unknown service ${call.request.service}` });
        else callback(null, { status });
      },
      watch: (call: ServerWritableStream<healthV1.HealthCheckRequest, healthV1.HealthCheckResponse>) => {
        const watcher = { service: call.request.service, call };
        this.#watchers.add(watcher);
        call.write({ status: this.#statuses.get(call.request.service) ?? SERVICE_UNKNOWN });
        call.on("cancelled", () => this.#watchers.delete(watcher));
        call.on("close", () => this.#watchers.delete(watcher));
      },
    };
  }
}

export interface GrpcServerOptions {
  logger: Logger;
  /** Where the RPC duration histogram is registered. */
  metrics?: Registry;
  service: string;
  version: string;
  instanceId: string;
}

/**
 * A grpc-js server whose handlers are plain async functions. Every call gets a request id (from
 * `x-request-id` metadata or a new one), a child logger, one canonical log line, and errors mapped
 * through the one table. Health and instance description are always served.
 */
export class GrpcServer {
  readonly server = new Server({ "grpc.keepalive_permit_without_calls": 1 });
  readonly health = new HealthReporter();
  #address = "";
  #startedAt = Date.now();
  readonly #durations: Histogram<"method" | "outcome"> | undefined;

  constructor(private readonly options: GrpcServerOptions) {
    this.#durations = options.metrics
      ? new Histogram({
          name: "llmserve_rpc_server_duration_seconds",
          help: "Duration of served unary RPCs",
          labelNames: ["method", "outcome"],
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
          registers: [options.metrics],
        })
      : undefined;
    this.server.addService(healthV1.HealthService, this.health.implementation());
    this.addService(commonV1.InstanceServiceService, {
      describeInstance: async () => ({
        service: options.service,
        version: options.version,
        instanceId: options.instanceId,
        address: this.#address,
        startedAtMs: this.#startedAt,
      }),
    });
  }

  addService<D extends ServiceDefinitionOf>(definition: D, handlers: ServiceHandlers<D>): void {
    const implementation: UntypedServiceImplementation = {};
    for (const [name, method] of Object.entries(definition)) {
      const handler = (handlers as Record<string, UnaryHandler<unknown, unknown>>)[name];
      if (!handler) throw new Error(`no handler for ${method.path}`);
      implementation[name] = method.responseStream
        ? wrapServerStream(method.path, handler as unknown as ServerStreamHandler<unknown, unknown>, this.options.logger)
        : this.#wrap(method.path, handler);
    }
    this.server.addService(definition, implementation);
    this.health.setStatus(serviceNameOf(definition), false);
  }

  /** Binds and starts; returns the bound port (use port 0 for a free one). */
  async listen(host: string, port: number): Promise<number> {
    const bound = await new Promise<number>((resolve, reject) => {
      this.server.bindAsync(`${host}:${port}`, ServerCredentials.createInsecure(), (error, actualPort) =>
        error ? reject(error) : resolve(actualPort),
      );
    });
    this.#address = `${host}:${bound}`;
    this.#startedAt = Date.now();
    return bound;
  }

  /** Stops accepting calls, lets in-flight ones finish for up to `graceMs`, then cuts the rest. */
  async shutdown(graceMs = 5_000): Promise<void> {
    this.health.setAll(false);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #wrap(path: string, handler: UnaryHandler<unknown, unknown>) {
    const baseLogger = this.options.logger;
    const durations = this.#durations;
    return (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => {
      const started = performance.now();
      const requestId = acceptRequestId(call.metadata.get(REQUEST_ID_HEADER)[0]);
      const logger = baseLogger.child({ requestId, rpc: path });
      const abort = new AbortController();
      call.on("cancelled", () => abort.abort());
      handler(call.request, { requestId, logger, metadata: call.metadata, signal: abort.signal }).then(
        (response) => {
          const elapsed = performance.now() - started;
          durations?.observe({ method: path, outcome: "ok" }, elapsed / 1000);
          logger.info({ outcome: "ok", durationMs: Math.round(elapsed) }, "rpc");
          callback(null, response);
        },
        (thrown: unknown) => {
          const error = toAppError(thrown);
          const elapsed = performance.now() - started;
          durations?.observe({ method: path, outcome: error.code }, elapsed / 1000);
          const durationMs = Math.round(elapsed);
          if (error.code === "internal") logger.error({ err: thrown, outcome: "error", errorCode: error.code, durationMs }, "rpc");
          else logger.info({ outcome: "error", errorCode: error.code, durationMs }, "rpc");
          callback(appErrorToServiceError(error, requestId));
        },
      );
    };
  }
}

function serviceNameOf(definition: ServiceDefinitionOf): string {
  const first = Object.values(definition)[0];
  return first ? first.path.split("/")[1] ?? "" : "";
}
