import { Agent, request as undiciRequest } from "undici";
import type { Dispatcher } from "undici";
import { readAll, type HttpRequest, type HttpResponse, type HttpTransport } from "./http-transport.js";
import { mapTransportError, type AbortSignals } from "./map-transport-error.js";
import { TimeoutGuard, TotalDeadline } from "./timeout-guard.js";

export interface UndiciTransportOptions {
  /** Idle keep-alive sockets are kept this long. */
  keepAliveTimeoutMs?: number;
  /** Max sockets per origin. */
  connectionsPerOrigin?: number;
}

/**
 * The one HTTP client: keep-alive pools per origin (one undici Agent per connect timeout), the four
 * timeouts, and an AbortSignal honoured while connecting, waiting and streaming.
 */
export class UndiciTransport implements HttpTransport {
  private readonly agents = new Map<number, Agent>();

  constructor(private readonly options: UndiciTransportOptions = {}) {}

  async send(request: HttpRequest): Promise<HttpResponse> {
    // The total deadline is our own timer, cleared the moment the call ends: AbortSignal.timeout()
    // would keep every call's timer and signals alive for the whole budget (minutes), which under
    // load is hundreds of megabytes.
    //
    // One controller per call, aborted by whichever comes first: the caller, the total deadline or a
    // stage timer. Not AbortSignal.any(): its composite signals are tracked through WeakRefs and a
    // FinalizationRegistry, which keep every call's signals (and undici's listeners on them) alive
    // through young-generation collections until a full one — measured, megabytes promoted per
    // scavenge and millisecond pauses at a thousand calls per second.
    const controller = new AbortController();
    const total = new TotalDeadline(request.timeouts.totalMs, controller);
    const stages = new TimeoutGuard(controller);
    const caller = request.signal;
    const signals: AbortSignals = { ...(caller ? { caller } : {}), total, stages };
    const onCallerAbort = () => controller.abort(caller?.reason);
    if (caller?.aborted) onCallerAbort();
    else caller?.addEventListener("abort", onCallerAbort, { once: true });
    const release = () => {
      total.clear();
      caller?.removeEventListener("abort", onCallerAbort);
    };
    const signal = controller.signal;
    const { body, headers } = await encodeBody(request).catch((error: unknown) => {
      release();
      throw error;
    });
    let response: Dispatcher.ResponseData;
    stages.arm("first_byte", request.timeouts.firstByteMs);
    try {
      response = await undiciRequest(request.url, {
        dispatcher: this.agentFor(request.timeouts.connectMs),
        method: request.method,
        headers,
        body,
        signal,
        // Off: our stage timers above enforce both, to the millisecond. undici's own run on a
        // coarse timer wheel that keeps every call's parser state alive until its next tick
        // (up to a second) after the call ended — measured, that promoted each request's objects
        // out of V8's young generation and made its collections the gateway's longest pauses.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
    } catch (error) {
      release();
      throw mapTransportError(request.provider, error, signals);
    } finally {
      stages.disarm();
    }
    return wrapResponse(request.provider, response, signals, request.timeouts.idleMs, release);
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    this.agents.clear();
  }

  private agentFor(connectTimeoutMs: number): Agent {
    let agent = this.agents.get(connectTimeoutMs);
    if (agent === undefined) {
      agent = new Agent({
        keepAliveTimeout: this.options.keepAliveTimeoutMs ?? 30_000,
        connections: this.options.connectionsPerOrigin ?? 128,
        connect: { timeout: connectTimeoutMs },
      });
      this.agents.set(connectTimeoutMs, agent);
    }
    return agent;
  }
}

async function encodeBody(request: HttpRequest): Promise<{ body: string | Uint8Array | undefined; headers: Record<string, string> }> {
  if (!(request.body instanceof FormData)) return { body: request.body, headers: request.headers };
  // Let the platform write the multipart framing and boundary.
  const encoded = new Response(request.body);
  const contentType = encoded.headers.get("content-type") ?? "multipart/form-data";
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  return { body: bytes, headers: { ...request.headers, "content-type": contentType } };
}

function wrapResponse(provider: string, response: Dispatcher.ResponseData, signals: AbortSignals, idleMs: number, release: () => void): HttpResponse {
  const body = response.body;
  let consumed = false;
  async function* iterate(): AsyncGenerator<Uint8Array> {
    if (consumed) throw new Error("Response body already read");
    consumed = true;
    let finished = false;
    const iterator = body[Symbol.asyncIterator]();
    try {
      for (;;) {
        signals.stages?.arm("idle", idleMs);
        const next = (await iterator.next()) as IteratorResult<Uint8Array>;
        signals.stages?.disarm();
        if (next.done === true) break;
        yield next.value;
      }
      finished = true;
    } catch (error) {
      throw mapTransportError(provider, error, signals);
    } finally {
      signals.stages?.disarm();
      release();
      // A consumer that stops early (client went away) must not leave the upstream stream open.
      if (!finished) body.destroy();
    }
  }
  const iterable: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterate() };
  return {
    status: response.statusCode,
    headers: flattenHeaders(response.headers),
    body: iterable,
    text: () => readAll(iterable),
    json: async () => JSON.parse(await readAll(iterable)) as unknown,
    dispose: () => {
      release();
      if (!consumed) body.destroy();
    },
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return result;
}
