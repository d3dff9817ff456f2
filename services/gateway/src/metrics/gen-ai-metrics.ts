import { Counter, Histogram, type Registry } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";

/**
 * The OpenTelemetry GenAI semantic conventions' operation names (`gen_ai.operation.name`) for our
 * endpoints; an endpoint without one keeps its own name (the set is closed: the gateway's routes).
 */
const OPERATION_NAMES: Readonly<Record<string, string>> = {
  "chat.completions": "chat",
  completions: "text_completion",
  embeddings: "embeddings",
};

/** Token buckets of the convention (powers of 4), up to 4 Mi tokens. */
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304];
/** Duration buckets of the convention, in seconds. */
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const FIRST_TOKEN_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

interface Series {
  attempts: { inc(value?: number): void };
  duration: { observe(value: number): void };
  upstreamErrors: { inc(value?: number): void };
  firstToken: { observe(value: number): void };
  inputTokens: { inc(value?: number): void };
  outputTokens: { inc(value?: number): void };
  cachedTokens: { inc(value?: number): void };
  reasoningTokens: { inc(value?: number): void };
  inputUsage: { observe(value: number): void };
  outputUsage: { observe(value: number): void };
}

const GEN_AI_LABELS = ["gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model"] as const;
type GenAiLabel = (typeof GEN_AI_LABELS)[number];

/**
 * The gateway's GenAI metrics on `/metrics`, observed from each usage event (one per attempt), so
 * the request path pays for a few in-memory increments and nothing else. Label values are bounded:
 * a model label is only taken from attempts that reached a deployment (a model the registry knows);
 * requests refused before routing carry `unrouted`. No key, project or request id is a label.
 */
export class GenAiMetrics {
  readonly #tokenUsage: Histogram<GenAiLabel | "gen_ai_token_type">;
  readonly #duration: Histogram<GenAiLabel | "error_type">;
  readonly #firstToken: Histogram<GenAiLabel>;
  readonly #requests: Counter<GenAiLabel | "outcome" | "error_type">;
  readonly #tokens: Counter<GenAiLabel | "gen_ai_token_type">;
  readonly #upstreamErrors: Counter<GenAiLabel | "error_type">;
  readonly #series = new Map<string, Series>();

  constructor(registry: Registry) {
    const registers = [registry];
    this.#tokenUsage = new Histogram({ name: "gen_ai_client_token_usage", help: "Tokens used per upstream attempt (OpenTelemetry gen_ai.client.token.usage), by token type input/output", labelNames: [...GEN_AI_LABELS, "gen_ai_token_type"], buckets: TOKEN_BUCKETS, registers });
    this.#duration = new Histogram({ name: "gen_ai_client_operation_duration_seconds", help: "Duration of GenAI operations from the request's arrival to the attempt's end (gen_ai.client.operation.duration)", labelNames: [...GEN_AI_LABELS, "error_type"], buckets: DURATION_BUCKETS, registers });
    this.#firstToken = new Histogram({ name: "gen_ai_server_time_to_first_token_seconds", help: "Time from the request's arrival to the first token of a successful streamed answer (gen_ai.server.time_to_first_token)", labelNames: [...GEN_AI_LABELS], buckets: FIRST_TOKEN_BUCKETS, registers });
    this.#requests = new Counter({ name: "llmserve_gen_ai_attempts_total", help: "Upstream attempts (and requests refused before any), by outcome (succeeded, failed, cancelled) and error type", labelNames: [...GEN_AI_LABELS, "outcome", "error_type"], registers });
    this.#tokens = new Counter({ name: "llmserve_gen_ai_tokens_total", help: "Tokens by type: input, output, cached_input (part of input), reasoning (part of output)", labelNames: [...GEN_AI_LABELS, "gen_ai_token_type"], registers });
    this.#upstreamErrors = new Counter({ name: "llmserve_upstream_errors_total", help: "Failed attempts that reached a vendor, by error type", labelNames: [...GEN_AI_LABELS, "error_type"], registers });
  }

  observe(event: eventsV1.UsageRecorded): void {
    const routed = event.deploymentId !== "";
    const series = this.#seriesOf(OPERATION_NAMES[event.endpoint] ?? event.endpoint, routed ? event.provider : "none", routed ? event.model : "unrouted", event.status, event.errorCode || "none");
    series.attempts.inc();
    series.duration.observe(event.latencyMs / 1000);
    if (!routed) return;
    if (event.status === "failed") series.upstreamErrors.inc();
    if (event.status === "succeeded" && event.stream && event.timeToFirstTokenMs > 0) series.firstToken.observe(event.timeToFirstTokenMs / 1000);
    const usage = event.usage;
    if (!usage) return;
    if (usage.promptTokens > 0) {
      series.inputTokens.inc(usage.promptTokens);
      series.inputUsage.observe(usage.promptTokens);
    }
    if (usage.completionTokens > 0) {
      series.outputTokens.inc(usage.completionTokens);
      series.outputUsage.observe(usage.completionTokens);
    }
    if (usage.cachedPromptTokens > 0) series.cachedTokens.inc(usage.cachedPromptTokens);
    if (usage.reasoningTokens > 0) series.reasoningTokens.inc(usage.reasoningTokens);
  }

  /**
   * The labelled children of one combination, made once: prom-client hashes a label object on every
   * call otherwise (measured: ~38 µs per event with label objects on a loaded machine). The label
   * values are bounded (see the class comment), so this map is too.
   */
  #seriesOf(operation: string, provider: string, model: string, outcome: string, errorType: string): Series {
    const key = `${operation}\u0000${provider}\u0000${model}\u0000${outcome}\u0000${errorType}`;
    let series = this.#series.get(key);
    if (series) return series;
    const labels = { gen_ai_operation_name: operation, gen_ai_provider_name: provider, gen_ai_request_model: model };
    series = {
      attempts: this.#requests.labels({ ...labels, outcome, error_type: errorType }),
      duration: this.#duration.labels({ ...labels, error_type: errorType }),
      upstreamErrors: this.#upstreamErrors.labels({ ...labels, error_type: errorType }),
      firstToken: this.#firstToken.labels(labels),
      inputTokens: this.#tokens.labels({ ...labels, gen_ai_token_type: "input" }),
      outputTokens: this.#tokens.labels({ ...labels, gen_ai_token_type: "output" }),
      cachedTokens: this.#tokens.labels({ ...labels, gen_ai_token_type: "cached_input" }),
      reasoningTokens: this.#tokens.labels({ ...labels, gen_ai_token_type: "reasoning" }),
      inputUsage: this.#tokenUsage.labels({ ...labels, gen_ai_token_type: "input" }),
      outputUsage: this.#tokenUsage.labels({ ...labels, gen_ai_token_type: "output" }),
    };
    this.#series.set(key, series);
    return series;
  }
}
