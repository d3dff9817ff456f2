import { randomUUID } from "node:crypto";
import type { MockUpstream } from "@llm-serve/testkit";

/** What one client request ended with, as the client saw it. */
export interface ClientOutcome {
  requestId: string;
  status: number;
  /** The body as text (for streams: every SSE frame). */
  text: string;
  latencyMs: number;
  /** Whether a 200 carried an error: a JSON `error` body, or an SSE error event. */
  errorIn200: boolean;
  /** Streams: ended with `data: [DONE]`. */
  done: boolean;
}

export interface ChatLoad {
  url: string;
  apiKey: string;
  model: string;
  requests: number;
  concurrency: number;
  stream?: boolean;
}

/** Sends `requests` chat completions, `concurrency` at a time; each carries its own x-request-id. */
export async function driveChatLoad(load: ChatLoad): Promise<ClientOutcome[]> {
  const outcomes: ClientOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < load.requests) {
      next += 1;
      outcomes.push(await chatOnce(load));
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, worker));
  return outcomes;
}

export async function chatOnce(load: Omit<ChatLoad, "requests" | "concurrency">): Promise<ClientOutcome> {
  const requestId = `edge-${randomUUID()}`;
  const started = performance.now();
  const response = await fetch(`${load.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${load.apiKey}`, "content-type": "application/json", "x-request-id": requestId },
    body: JSON.stringify({ model: load.model, stream: load.stream === true, messages: [{ role: "user", content: "hello" }] }),
  });
  const text = await response.text();
  const latencyMs = performance.now() - started;
  const streamed = (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  const errorIn200 = response.status === 200 && (streamed ? /^data: \{"error"/m.test(text) : "error" in (JSON.parse(text) as object));
  return { requestId, status: response.status, text, latencyMs, errorIn200, done: text.includes("data: [DONE]") };
}

/** Upstream attempts per client request: the gateway forwards each client's x-request-id. */
export function attemptsPerRequest(outcomes: readonly ClientOutcome[], upstreams: readonly MockUpstream[]): Map<string, number> {
  const counts = new Map(outcomes.map((outcome) => [outcome.requestId, 0]));
  for (const upstream of upstreams) {
    for (const request of upstream.requests) {
      const id = request.headers["x-request-id"];
      if (id !== undefined && counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

export interface LoadFigures {
  requests: number;
  failed: number;
  statuses: Record<string, number>;
  errorsWith200: number;
  attemptsMean: number;
  attemptsMax: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/** The figures docs/reliability-edge.md reports for one scenario. */
export function figuresOf(outcomes: readonly ClientOutcome[], attempts: ReadonlyMap<string, number>): LoadFigures {
  const statuses: Record<string, number> = {};
  for (const outcome of outcomes) statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
  const counts = [...attempts.values()];
  const latencies = outcomes.map((outcome) => outcome.latencyMs).sort((left, right) => left - right);
  const quantile = (share: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0);
  return {
    requests: outcomes.length,
    failed: outcomes.filter((outcome) => outcome.status !== 200 || outcome.errorIn200).length,
    statuses,
    errorsWith200: outcomes.filter((outcome) => outcome.errorIn200).length,
    attemptsMean: Number((counts.reduce((sum, count) => sum + count, 0) / Math.max(1, counts.length)).toFixed(3)),
    attemptsMax: Math.max(0, ...counts),
    latencyP50Ms: quantile(0.5),
    latencyP99Ms: quantile(0.99),
  };
}

/** Figures of a run, printed as one JSON line the docs quote (`EDGE-FIGURES {...}`). */
export function reportFigures(scenario: string, figures: object): void {
  console.log(`EDGE-FIGURES ${JSON.stringify({ scenario, ...figures })}`);
}

/** Runs `work` on every item, at most `limit` at a time, in the items' order of start. */
export async function forEachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
