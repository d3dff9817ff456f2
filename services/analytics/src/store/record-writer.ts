import type { Knex } from "@llm-serve/common";
import { invocationRecordOf, type InvocationRecord } from "../domain/invocation-record.js";
import type { StoredUsageEvent } from "../domain/usage-event.js";
import { rollupsOf } from "../rollups/rollup.js";
import { startOfDay, type RecordPartitions } from "./record-partitions.js";
import { addRollups } from "./rollup-writer.js";

const DAY_MS = 86_400_000;
/** A usage time this far ahead of the clock is a wrong clock: rolled up, but given no partition of its own. */
const FUTURE_LIMIT_DAYS = 7;

export interface RecordWriterOptions {
  partitions: RecordPartitions;
  /** Days of invocation records kept; an event older than that gets no record (its rollups are still added). */
  retentionDays: number;
  clock: () => number;
}

/**
 * Writes the invocation records and rollups of events that were just stored for the first time,
 * inside the transaction that stored them: the usage event id gates both, so they are exact under
 * redelivery (an event adds to the rollups once, or with a failed batch not at all).
 */
export class RecordWriter {
  constructor(private readonly options: RecordWriterOptions) {}

  /** Creates the partitions the events need (outside any write transaction: DDL takes strong locks). */
  async prepare(events: readonly StoredUsageEvent[]): Promise<void> {
    const days = events.map((event) => invocationRecordOf(event).occurredAt).filter((time) => this.#kept(time));
    await this.options.partitions.ensure(days);
  }

  async write(transaction: Knex.Transaction, events: readonly StoredUsageEvent[]): Promise<void> {
    if (events.length === 0) return;
    const records = events.map(invocationRecordOf);
    const kept = records.filter((record) => this.#kept(record.occurredAt));
    if (kept.length > 0) await transaction("invocation_records").insert(kept.map(recordRow)).onConflict(["event_id", "occurred_at"]).ignore();
    await addRollups(transaction, rollupsOf(records));
  }

  #kept(time: Date): boolean {
    const now = this.options.clock();
    return startOfDay(time) >= startOfDay(now) - this.options.retentionDays * DAY_MS && time.getTime() <= now + FUTURE_LIMIT_DAYS * DAY_MS;
  }
}

function recordRow(record: InvocationRecord) {
  return {
    event_id: record.eventId,
    occurred_at: record.occurredAt,
    request_id: record.requestId,
    org_id: record.orgId,
    project_id: record.projectId,
    key_id: record.keyId,
    model: record.model,
    provider: record.provider,
    deployment_id: record.deploymentId,
    endpoint: record.endpoint,
    attempt: record.attempt,
    served: record.served,
    final_attempt: record.finalAttempt,
    status: record.status,
    outcome: record.outcome,
    error_code: record.errorCode,
    error_type: record.errorType,
    vendor_status: record.vendorStatus,
    vendor_code: record.vendorCode,
    http_status: record.httpStatus,
    stream: record.stream,
    latency_ms: record.latencyMs,
    time_to_first_token_ms: record.timeToFirstTokenMs,
    prompt_tokens: record.tokens.promptTokens,
    completion_tokens: record.tokens.completionTokens,
    total_tokens: record.tokens.totalTokens,
    cached_prompt_tokens: record.tokens.cachedPromptTokens,
    reasoning_tokens: record.tokens.reasoningTokens,
    audio_milliseconds: record.tokens.audioMilliseconds,
    images: record.tokens.images,
    estimated: record.estimated,
    parameters: JSON.stringify(record.parameters ?? {}),
  };
}
