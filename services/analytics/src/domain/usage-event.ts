import type { EventEnvelope } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";

export interface StoredUsageEvent {
  envelope: EventEnvelope;
  usage: eventsV1.UsageRecorded;
}

export interface UsageSummary {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}
