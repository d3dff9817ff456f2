import type { EventEnvelope, Knex } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import type { StoredUsageEvent, UsageSummary } from "../domain/usage-event.js";
import { RecordPartitions } from "./record-partitions.js";
import { RecordWriter } from "./record-writer.js";

/** Rows per INSERT: 15 parameters each, far below Postgres's 65,535 per statement. */
const INSERT_CHUNK_ROWS = 1_000;

export class UsageStore {
  readonly #records: RecordWriter;

  constructor(
    private readonly db: Knex,
    records?: RecordWriter,
  ) {
    this.#records = records ?? new RecordWriter({ partitions: new RecordPartitions(db), retentionDays: 30, clock: Date.now });
  }

  /**
   * Writes the events whose id is not stored yet, with one multi-row INSERT per thousand, and
   * returns the ids it wrote (a redelivered event is left alone). Each chunk commits in one
   * transaction with the invocation records and rollups of the events it wrote (ADR 0022): after a
   * failure part-way, a redelivery skips what was written and adds nothing twice.
   */
  async insertMany(events: readonly StoredUsageEvent[]): Promise<string[]> {
    const written: string[] = [];
    await this.#records.prepare(events);
    for (let start = 0; start < events.length; start += INSERT_CHUNK_ROWS) {
      const chunk = events.slice(start, start + INSERT_CHUNK_ROWS);
      await this.db.transaction(async (transaction) => {
        const rows: Array<{ event_id: string }> = await transaction("usage_events").insert(chunk.map(usageEventRow)).onConflict("event_id").ignore().returning("event_id");
        const fresh = new Set(rows.map((row) => row.event_id));
        await this.#records.write(transaction, chunk.filter((event) => fresh.has(event.envelope.eventId)));
        for (const row of rows) written.push(row.event_id);
      });
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
