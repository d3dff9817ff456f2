import type { eventsV1 } from "@llm-serve/proto";

/**
 * Where the one `llmserve.usage.recorded.v1` event of every request goes, without loss.
 */
export interface UsageSink {
  record(usage: eventsV1.UsageRecorded): Promise<void>;
}
