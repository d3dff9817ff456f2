import type { UsageSink } from "../ports/usage-sink.js";
import type { GenAiMetrics } from "./gen-ai-metrics.js";

/**
 * The usage sink, with each event also counted in the GenAI metrics. A metrics failure never
 * touches the event: it is taken by the sink first.
 */
export function meteredUsageSink(sink: UsageSink, metrics: GenAiMetrics): UsageSink {
  return {
    accepting: () => sink.accepting(),
    record(usage) {
      sink.record(usage);
      try {
        metrics.observe(usage);
      } catch {
        // A metric must never fail a request; the event itself is already taken.
      }
    },
  };
}
