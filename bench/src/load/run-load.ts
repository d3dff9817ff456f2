import { Pool } from "undici";
import { LatencyRecorder, type LatencySummary } from "./latency-recorder.js";

/** One HTTP request, sent over and over. */
export interface LoadRequest {
  /** `http://host:port`. */
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Read the body as a stream and time its first chunk (SSE: the first event). */
  stream: boolean;
}

export interface LoadOptions {
  /** Concurrent clients, each on its own keep-alive connection, each sending its next request as soon as the last one ended. */
  connections: number;
  /** Requests before this much time has passed are sent but not counted (JIT, pools, caches). */
  warmupMs: number;
  /** Length of the measured window. Ignored when `requests` is set. */
  durationMs?: number;
  /** Send exactly this many measured requests instead (soak). */
  requests?: number;
  /** Called about once a second with the number of measured requests completed so far. */
  onProgress?: (completed: number) => void;
}

export interface LoadResult {
  requests: number;
  /** Transport failures and answers other than 200. */
  errors: number;
  /** The same during the warm-up (not in `errors`: the peers' comparison refuses a run with either). */
  warmupErrors: number;
  /** A few of them, for the report. */
  errorSamples: string[];
  durationMs: number;
  /** Completed requests per second within the measured window. */
  throughput: number;
  /** From sending the request to the end of the response body. */
  total: LatencySummary;
  /** From sending the request to the first body chunk (streams only). */
  firstByte?: LatencySummary;
}

/**
 * A closed-loop load generator on undici: N clients, N keep-alive connections, latencies kept at
 * microsecond resolution. (autocannon records whole milliseconds and no time to first byte.)
 */
export async function runLoad(request: LoadRequest, options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(request.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 60_000 });
  const total = new LatencyRecorder();
  const firstByte = new LatencyRecorder();
  const state = { measuring: false, stopped: false, issued: 0, completed: 0, errors: 0, warmupErrors: 0, errorSamples: [] as string[], windowStart: 0, windowEnd: Infinity };
  const measuredBudget = options.requests;

  const client = async (): Promise<void> => {
    while (!state.stopped) {
      const measured = state.measuring;
      if (measured && measuredBudget !== undefined) {
        if (state.issued >= measuredBudget) return;
        state.issued += 1;
      }
      const outcome = await sendOnce(pool, request);
      if (!measured && outcome.error !== undefined) {
        state.warmupErrors += 1;
        if (state.errorSamples.length < 5) state.errorSamples.push(`warm-up: ${outcome.error}`);
      }
      if (!measured || outcome.endedAt > state.windowEnd) continue;
      if (outcome.error !== undefined) {
        state.errors += 1;
        if (state.errorSamples.length < 5) state.errorSamples.push(outcome.error);
        continue;
      }
      state.completed += 1;
      total.record(outcome.endedAt - outcome.startedAt);
      if (outcome.firstByteAt !== undefined) firstByte.record(outcome.firstByteAt - outcome.startedAt);
    }
  };

  const progress = options.onProgress ? setInterval(() => options.onProgress?.(state.completed), 1_000) : undefined;
  const clients = Array.from({ length: options.connections }, () => client());
  await sleep(options.warmupMs);
  state.measuring = true;
  state.windowStart = performance.now();
  if (measuredBudget === undefined) {
    await sleep(options.durationMs ?? 10_000);
    state.windowEnd = performance.now();
    state.stopped = true;
  }
  await Promise.all(clients);
  if (measuredBudget !== undefined) state.windowEnd = performance.now();
  if (progress) clearInterval(progress);
  options.onProgress?.(state.completed);
  await pool.close();

  const durationMs = state.windowEnd - state.windowStart;
  return {
    requests: state.completed,
    errors: state.errors,
    warmupErrors: state.warmupErrors,
    errorSamples: state.errorSamples,
    durationMs: Math.round(durationMs),
    throughput: Math.round((state.completed / durationMs) * 1_000 * 10) / 10,
    total: total.summary(),
    ...(request.stream ? { firstByte: firstByte.summary() } : {}),
  };
}

interface Outcome {
  startedAt: number;
  firstByteAt?: number;
  endedAt: number;
  error?: string;
}

async function sendOnce(pool: Pool, request: LoadRequest): Promise<Outcome> {
  const startedAt = performance.now();
  let firstByteAt: number | undefined;
  try {
    const response = await pool.request({ method: "POST", path: request.path, headers: request.headers, body: request.body });
    let tail = "";
    for await (const chunk of response.body) {
      firstByteAt ??= performance.now();
      if (response.statusCode !== 200) tail = (tail + String(chunk)).slice(-300);
    }
    const endedAt = performance.now();
    if (response.statusCode !== 200) return { startedAt, endedAt, error: `HTTP ${response.statusCode}: ${tail}` };
    return { startedAt, endedAt, ...(request.stream && firstByteAt !== undefined ? { firstByteAt } : {}) };
  } catch (error) {
    return { startedAt, endedAt: performance.now(), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
