import type { eventsV1 } from "@llm-serve/proto";
import type { StoredUsageEvent } from "./usage-event.js";

/**
 * One upstream attempt of an API request as analytics keeps it (seed §6.1.2): who called, what was
 * asked (a parameter summary, never the prompt or the output), how it ended, what it used and how
 * long it took. One per usage event, keyed by the event id.
 */
export interface InvocationRecord {
  eventId: string;
  /** The usage's startedAt (else the event's time): the partition and rollup time, as billing's ledger uses. */
  occurredAt: Date;
  requestId: string;
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  endpoint: string;
  attempt: number;
  served: boolean;
  finalAttempt: boolean;
  status: string;
  outcome: string;
  errorCode: string;
  errorType: string;
  vendorStatus: number;
  vendorCode: string;
  httpStatus: number;
  stream: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number;
  tokens: TokenCounts;
  estimated: boolean;
  parameters: eventsV1.RequestParameters | undefined;
}

export interface TokenCounts {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  audioMilliseconds: number;
  images: number;
}

export const TOKEN_KINDS = ["promptTokens", "completionTokens", "totalTokens", "cachedPromptTokens", "reasoningTokens", "audioMilliseconds", "images"] as const satisfies ReadonlyArray<keyof TokenCounts>;

export function occurredAtOf({ envelope, usage }: StoredUsageEvent): Date {
  const started = Date.parse(usage.startedAt);
  if (Number.isFinite(started)) return new Date(started);
  const published = Date.parse(envelope.time);
  return new Date(Number.isFinite(published) ? published : 0);
}

export function invocationRecordOf(event: StoredUsageEvent): InvocationRecord {
  const { usage } = event;
  return {
    eventId: event.envelope.eventId,
    occurredAt: occurredAtOf(event),
    requestId: usage.requestId,
    orgId: usage.orgId,
    projectId: usage.projectId,
    keyId: usage.keyId,
    model: usage.model,
    provider: usage.provider,
    deploymentId: usage.deploymentId,
    endpoint: usage.endpoint,
    attempt: usage.attempt,
    served: usage.served,
    // Events of gateways older than the final_attempt field: the served attempt, or a lone attempt 0.
    finalAttempt: usage.finalAttempt || usage.served || usage.attempt === 0,
    status: usage.status,
    outcome: usage.outcome,
    errorCode: usage.errorCode,
    errorType: usage.errorType,
    vendorStatus: usage.vendorStatus,
    vendorCode: usage.vendorCode,
    httpStatus: usage.httpStatus,
    stream: usage.stream,
    latencyMs: Math.max(0, usage.latencyMs),
    timeToFirstTokenMs: Math.max(0, usage.timeToFirstTokenMs),
    tokens: {
      promptTokens: usage.usage?.promptTokens ?? 0,
      completionTokens: usage.usage?.completionTokens ?? 0,
      totalTokens: usage.usage?.totalTokens ?? 0,
      cachedPromptTokens: usage.usage?.cachedPromptTokens ?? 0,
      reasoningTokens: usage.usage?.reasoningTokens ?? 0,
      audioMilliseconds: usage.usage?.audioMilliseconds ?? 0,
      images: usage.usage?.images ?? 0,
    },
    estimated: usage.estimated,
    parameters: usage.parameters,
  };
}

/** The kind an unsuccessful attempt is counted under: the vendor's error type, else our error code, else its outcome. */
export function errorKindOf(record: Pick<InvocationRecord, "status" | "errorType" | "errorCode" | "outcome">): string {
  if (record.status === "succeeded") return "";
  return record.errorType || record.errorCode || record.outcome || "unknown";
}
