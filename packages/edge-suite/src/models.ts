import type { MockUpstream } from "@llm-serve/testkit";

export const VENDOR_KEY = "sk-edge-vendor-0123456789abcdef";

export interface ModelShape {
  strategy?: "priority" | "weighted_random" | "round_robin" | "lowest_latency";
  maxRetries?: number;
  firstByteMs?: number;
  idleMs?: number;
}

/**
 * The admin body of a chat model served by one OpenAI deployment per mock upstream, in order
 * (`<id>-0`, `<id>-1`, …; circuits are per model and deployment, so every model starts closed).
 */
export function chatModel(id: string, upstreams: ReadonlyArray<MockUpstream & { baseUrl: string }>, shape: ModelShape = {}): Record<string, unknown> {
  const timeouts = { ...(shape.firstByteMs ? { first_byte_ms: shape.firstByteMs } : {}), ...(shape.idleMs ? { idle_ms: shape.idleMs } : {}) };
  return {
    id,
    price_plan_id: "plan-standard",
    capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
    runtime: { max_retries: shape.maxRetries ?? 1, ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}) },
    routing: { strategy: shape.strategy ?? "weighted_random" },
    deployments: upstreams.map((upstream, index) => ({
      id: `${id}-${index}`,
      provider_type: "openai",
      base_url: upstream.baseUrl,
      credentials: { api_key: VENDOR_KEY },
      upstream_model: "gpt-4o-mini",
      priority: index,
    })),
  };
}

/** Chat requests an upstream received. */
export function chatRequests(upstream: MockUpstream): number {
  return upstream.requests.filter((request) => request.path.endsWith("/chat/completions")).length;
}
