import type { EventEnvelope, Knex } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import type { StoredUsageEvent, UsageSummary } from "../domain/usage-event.js";

/** Rows per INSERT: 15 parameters each, far below Postgres's 65,535 per statement. */
const INSERT_CHUNK_ROWS = 1_000;

export class UsageStore {
  constructor(private readonly db: Knex) {}

  /**
   * Writes the events whose id is not stored yet, with one multi-row INSERT per thousand, and
   * returns the ids it wrote (a redelivered event is left alone). Each statement commits on its
   * own: after a failure part-way, a redelivery skips what was written.
   */
  async insertMany(events: readonly StoredUsageEvent[]): Promise<string[]> {
    const written: string[] = [];
    for (let start = 0; start < events.length; start += INSERT_CHUNK_ROWS) {
      const rows: Array<{ event_id: string }> = await this.db("usage_events")
        .insert(events.slice(start, start + INSERT_CHUNK_ROWS).map(usageEventRow))
        .onConflict("event_id")
        .ignore()
        .returning("event_id");
      for (const row of rows) written.push(row.event_id);
    }
    return written;
  }

  async find(eventId: string): Promise<StoredUsageEvent | undefined> {
    const row: { envelope: EventEnvelope; payload: unknown } | undefined = await this.db("usage_events").where({ event_id: eventId }).first("envelope", "payload");
    return row ? { envelope: row.envelope, usage: eventsV1.UsageRecorded.fromJSON(row.payload) } : undefined;
  }

  async summarize(projectId: string): Promise<UsageSummary> {
    const row = await this.db("usage_events")
      .where({ project_id: projectId })
      .first(
        this.db.raw("count(distinct request_id)::bigint as requests"),
        this.db.raw("coalesce(sum(prompt_tokens), 0)::bigint as prompt_tokens"),
        this.db.raw("coalesce(sum(completion_tokens), 0)::bigint as completion_tokens"),
        this.db.raw("coalesce(sum(total_tokens), 0)::bigint as total_tokens"),
      );
    return {
      requests: Number(row?.requests ?? 0),
      promptTokens: Number(row?.prompt_tokens ?? 0),
      completionTokens: Number(row?.completion_tokens ?? 0),
      totalTokens: Number(row?.total_tokens ?? 0),
    };
  }
}

function usageEventRow({ envelope, usage }: StoredUsageEvent) {
  return {
    event_id: envelope.eventId,
    request_id: usage.requestId,
    key_id: usage.keyId,
    project_id: usage.projectId,
    org_id: usage.orgId,
    model: usage.model,
    provider: usage.provider,
    endpoint: usage.endpoint,
    status: usage.status,
    prompt_tokens: usage.usage?.promptTokens ?? 0,
    completion_tokens: usage.usage?.completionTokens ?? 0,
    total_tokens: usage.usage?.totalTokens ?? 0,
    estimated: usage.estimated,
    envelope: JSON.stringify(envelope),
    payload: JSON.stringify(eventsV1.UsageRecorded.toJSON(usage)),
  };
}
