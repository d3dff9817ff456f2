import { Client, Metadata, connectivityState, credentials, status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { AppError, REQUEST_ID_HEADER, type Logger } from "@llm-serve/common";
import { serviceErrorToAppError } from "./error-status.js";
import type { Endpoint, Resolver } from "./resolver.js";
import { serverStreamCall } from "./client-stream.js";
import type { RequestOf, ResponseOf, ServerStreamingMethodNames, ServiceDefinitionOf, UnaryMethodNames } from "./types.js";

export interface CallOptions {
  requestId?: string;
  deadlineMs?: number;
  signal?: AbortSignal;
}

export type ServiceClient<D extends ServiceDefinitionOf> = {
  [K in UnaryMethodNames<D>]: (request: RequestOf<D[K]>, options?: CallOptions) => Promise<ResponseOf<D[K]>>;
} & {
  /** Server-streaming methods: the messages as they arrive (see client-stream.ts). */
  [K in ServerStreamingMethodNames<D>]: (request: RequestOf<D[K]>, options?: CallOptions) => AsyncIterable<ResponseOf<D[K]>>;
} & { close(): void };

export interface ClientOptions<D extends ServiceDefinitionOf> {
  service: string;
  resolver: Resolver;
  logger: Logger;
  /** Methods safe to repeat: these are retried on another instance when one fails. */
  idempotent?: ReadonlyArray<UnaryMethodNames<D>>;
  deadlineMs?: number;
  maxAttempts?: number;
  /**
   * How long an instance that failed at the transport level is skipped at least; it stays skipped
   * after that until its channel connects again (a dead instance gets no more calls while Nacos
   * still lists it).
   */
  ejectMs?: number;
}

/** Statuses that mean "this instance did not handle the call": safe to try elsewhere if idempotent. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.CANCELLED, GrpcStatus.DEADLINE_EXCEEDED]);

const CHANNEL_OPTIONS = {
  "grpc.keepalive_time_ms": 30_000,
  "grpc.keepalive_timeout_ms": 5_000,
  "grpc.initial_reconnect_backoff_ms": 200,
  "grpc.max_reconnect_backoff_ms": 2_000,
};

/**
 * A client of every instance of one service: weighted round-robin across the resolver's endpoints,
 * deadlines, request-id metadata, typed AppErrors, and retries of idempotent calls on another
 * instance.
 */
export function createServiceClient<D extends ServiceDefinitionOf>(definition: D, options: ClientOptions<D>): ServiceClient<D> {
  const pool = new ChannelPool(options.resolver, options.ejectMs ?? 3_000, (address, reachable) =>
    reachable
      ? options.logger.info({ target: options.service, address }, "instance reachable again; back in the rotation")
      : options.logger.warn({ target: options.service, address }, "instance unreachable; no calls until it connects again"),
  );
  const idempotent = new Set<string>((options.idempotent ?? []) as readonly string[]);
  const maxAttempts = options.maxAttempts ?? 3;
  const client: Record<string, unknown> = {
    close: () => pool.close(),
  };
  for (const [name, method] of Object.entries(definition)) {
    if (!method.requestStream && method.responseStream) {
      client[name] = (request: unknown, callOptions: CallOptions = {}) => streamFromSomeInstance(pool, options, method, request, callOptions);
      continue;
    }
    if (method.requestStream || method.responseStream) continue;
    client[name] = async (request: unknown, callOptions: CallOptions = {}) => {
      await options.resolver.ready();
      const attempts = idempotent.has(name) ? maxAttempts : 1;
      const tried = new Set<string>();
      let lastError: AppError | undefined;
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        // None known yet (a peer that has just started): look again once before giving up.
        const endpoint = pool.pick(tried) ?? (tried.size === 0 ? await options.resolver.refresh().then(() => pool.pick(tried)) : undefined);
        if (!endpoint) break;
        tried.add(endpoint.address);
        try {
          return await unaryCall(pool.channel(endpoint.address), method, request, callOptions, options.deadlineMs ?? 5_000);
        } catch (error) {
          const serviceError = error as ServiceError;
          lastError = serviceErrorToAppError(serviceError);
          if (!RETRYABLE_STATUSES.has(serviceError.code)) throw lastError;
          pool.eject(endpoint.address);
          void options.resolver.refresh();
          options.logger.debug({ service: options.service, address: endpoint.address, attempt }, "call failed at the transport; trying another instance");
        }
      }
      throw lastError ?? new AppError("unavailable", `no instance of ${options.service} is available`);
    };
  }
  return client as ServiceClient<D>;
}

function unaryCall(channel: Client, method: ServiceDefinitionOf[string], request: unknown, options: CallOptions, defaultDeadlineMs: number): Promise<unknown> {
  const metadata = new Metadata();
  if (options.requestId) metadata.set(REQUEST_ID_HEADER, options.requestId);
  return new Promise((resolve, reject) => {
    const call = channel.makeUnaryRequest(
      method.path,
      method.requestSerialize,
      method.responseDeserialize,
      request,
      metadata,
      { deadline: Date.now() + (options.deadlineMs ?? defaultDeadlineMs) },
      (error, response) => (error ? reject(error) : resolve(response)),
    );
    options.signal?.addEventListener("abort", () => call.cancel(), { once: true });
  });
}

/** A server stream from one live instance (the first one known once the resolver is ready). */
async function* streamFromSomeInstance<D extends ServiceDefinitionOf>(pool: ChannelPool, options: ClientOptions<D>, method: ServiceDefinitionOf[string], request: unknown, callOptions: CallOptions): AsyncGenerator<unknown> {
  await options.resolver.ready();
  const endpoint = pool.pick(new Set()) ?? (await options.resolver.refresh().then(() => pool.pick(new Set())));
  if (!endpoint) throw new AppError("unavailable", `no instance of ${options.service} is available`);
  yield* serverStreamCall(pool.channel(endpoint.address), method, request, callOptions, options.deadlineMs ?? 5_000);
}

/** One channel per instance address, and smooth weighted round-robin among the live ones. */
class ChannelPool {
  readonly #channels = new Map<string, Client>();
  readonly #ejectedUntil = new Map<string, number>();
  /** Instances that failed and whose channel has not connected since (ADR 0031). */
  readonly #unreachable = new Set<string>();
  readonly #currentWeights = new Map<string, number>();

  constructor(
    private readonly resolver: Resolver,
    private readonly ejectMs: number,
    /** Told when an instance leaves the rotation as unreachable and when it returns (rare: logged). */
    private readonly onReachability: (address: string, reachable: boolean) => void,
  ) {}

  pick(exclude: ReadonlySet<string>): Endpoint | undefined {
    const now = Date.now();
    const endpoints = this.resolver.endpoints();
    this.#forgetVanished(endpoints);
    let candidates = endpoints.filter(
      (endpoint) => !exclude.has(endpoint.address) && (this.#ejectedUntil.get(endpoint.address) ?? 0) <= now && !this.#unreachable.has(endpoint.address),
    );
    // When every instance looks ejected, try them anyway rather than fail without a call.
    if (candidates.length === 0) candidates = endpoints.filter((endpoint) => !exclude.has(endpoint.address));
    if (candidates.length === 0) return undefined;
    let total = 0;
    let best: Endpoint | undefined;
    let bestWeight = -Infinity;
    for (const endpoint of candidates) {
      const weight = (this.#currentWeights.get(endpoint.address) ?? 0) + endpoint.weight;
      this.#currentWeights.set(endpoint.address, weight);
      total += endpoint.weight;
      if (weight > bestWeight) {
        bestWeight = weight;
        best = endpoint;
      }
    }
    if (best) this.#currentWeights.set(best.address, bestWeight - total);
    return best;
  }

  channel(address: string): Client {
    let channel = this.#channels.get(address);
    if (!channel) {
      channel = new Client(address, credentials.createInsecure(), CHANNEL_OPTIONS);
      this.#channels.set(address, channel);
    }
    return channel;
  }

  eject(address: string): void {
    this.#ejectedUntil.set(address, Date.now() + this.ejectMs);
    this.#holdUntilConnected(address);
  }

  /**
   * Client-side outlier ejection with an active check: Nacos lists a crashed instance until its
   * heartbeat time-out (rnacos: 18 s), and a fixed ejection let it take a call again every
   * `ejectMs`. Instead it stays out until its channel reaches READY (grpc-js reconnects with
   * backoff, at most 2 s apart), so a dead instance takes no call and a restarted one returns
   * within about 2 s.
   */
  #holdUntilConnected(address: string): void {
    const channel = this.#channels.get(address)?.getChannel();
    if (!channel || this.#unreachable.has(address)) return;
    this.#unreachable.add(address);
    // Logged only when the channel is really down (a deadline on a live instance is not worth a line).
    let announced = false;
    const check = () => {
      if (this.#channels.get(address)?.getChannel() !== channel) return void this.#unreachable.delete(address);
      const state = channel.getConnectivityState(true);
      if (state === connectivityState.SHUTDOWN) return void this.#unreachable.delete(address);
      if (state === connectivityState.READY) {
        this.#unreachable.delete(address);
        if (announced) this.onReachability(address, true);
        return;
      }
      if (!announced && state === connectivityState.TRANSIENT_FAILURE) {
        announced = true;
        this.onReachability(address, false);
      }
      channel.watchConnectivityState(state, Date.now() + 1_000, check);
    };
    check();
  }

  close(): void {
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
  }

  #forgetVanished(endpoints: readonly Endpoint[]): void {
    if (endpoints.length === this.#channels.size) return;
    const live = new Set(endpoints.map((endpoint) => endpoint.address));
    for (const [address, channel] of this.#channels) {
      if (!live.has(address)) {
        channel.close();
        this.#channels.delete(address);
        this.#currentWeights.delete(address);
        this.#ejectedUntil.delete(address);
        this.#unreachable.delete(address);
      }
    }
  }
}
