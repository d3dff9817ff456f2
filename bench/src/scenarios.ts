import type { LoadRequest } from "./load/run-load.js";

export type ScenarioKind = "chat" | "chat-stream" | "embeddings";
export type Target = "direct" | "gateway";

export const SCENARIO_KINDS: readonly ScenarioKind[] = ["chat", "chat-stream", "embeddings"];

export const KIND_TITLES: Record<ScenarioKind, string> = {
  chat: "chat, non-streaming",
  "chat-stream": "chat, streaming",
  embeddings: "embeddings",
};

export interface Endpoint {
  /** `http://host:port`. */
  origin: string;
  /** Path prefix before `/chat/completions` (`/v1` for both the mock and the gateway). */
  prefix: string;
  bearer: string;
  chatModel: string;
  embeddingModel: string;
  /** Extra request headers the target needs (a peer's routing headers, e.g. Portkey's provider and host). */
  headers?: Record<string, string>;
}

/** The one request a scenario repeats: the same body (but the model name) against either target. */
export function scenarioRequest(kind: ScenarioKind, endpoint: Endpoint): LoadRequest {
  const headers = { authorization: `Bearer ${endpoint.bearer}`, "content-type": "application/json", ...endpoint.headers };
  const messages = [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: "Say hello to the benchmark in one short sentence." },
  ];
  switch (kind) {
    case "chat":
      return { origin: endpoint.origin, path: `${endpoint.prefix}/chat/completions`, headers, stream: false, body: JSON.stringify({ model: endpoint.chatModel, messages, max_tokens: 64 }) };
    case "chat-stream":
      return { origin: endpoint.origin, path: `${endpoint.prefix}/chat/completions`, headers, stream: true, body: JSON.stringify({ model: endpoint.chatModel, messages, max_tokens: 64, stream: true }) };
    case "embeddings":
      return { origin: endpoint.origin, path: `${endpoint.prefix}/embeddings`, headers, stream: false, body: JSON.stringify({ model: endpoint.embeddingModel, input: "The quick brown fox jumps over the lazy dog." }) };
  }
}

export interface ProbeResult {
  ok: boolean;
  problem?: string;
  /** Response headers, lower-case (quota adds `x-ratelimit-*`). */
  headers: Record<string, string>;
}

/**
 * One request before the load, checked for shape: a run whose every answer is an error would
 * otherwise report excellent latencies. `expectedText` is the mock upstream's reply, which proves
 * the answer came from it.
 */
export async function probe(kind: ScenarioKind, request: LoadRequest, expectedText: string | undefined): Promise<ProbeResult> {
  const response = await fetch(`${request.origin}${request.path}`, { method: "POST", headers: request.headers, body: request.body });
  const text = await response.text();
  const headers = Object.fromEntries(response.headers);
  if (response.status !== 200) return { ok: false, problem: `HTTP ${response.status}: ${text.slice(0, 300)}`, headers };
  if (kind === "chat-stream") {
    if (!text.trimEnd().endsWith("data: [DONE]")) return { ok: false, problem: `stream did not end with [DONE]: ${text.slice(-200)}`, headers };
    const content = streamedContent(text);
    if (expectedText !== undefined && content !== expectedText) return { ok: false, problem: `streamed "${content}", expected "${expectedText}"`, headers };
    return { ok: true, headers };
  }
  const json = JSON.parse(text) as { choices?: { message?: { content?: string } }[]; data?: { embedding?: number[] }[] };
  if (kind === "embeddings") {
    const length = json.data?.[0]?.embedding?.length ?? 0;
    return length > 0 ? { ok: true, headers } : { ok: false, problem: `no embedding in ${text.slice(0, 200)}`, headers };
  }
  const content = json.choices?.[0]?.message?.content;
  if (expectedText !== undefined && content !== expectedText) return { ok: false, problem: `answered "${content}", expected "${expectedText}"`, headers };
  return { ok: true, headers };
}

function streamedContent(sse: string): string {
  let content = "";
  for (const line of sse.split("\n")) {
    if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
    const chunk = JSON.parse(line.slice(6)) as { choices?: { delta?: { content?: string } }[] };
    content += chunk.choices?.[0]?.delta?.content ?? "";
  }
  return content;
}
