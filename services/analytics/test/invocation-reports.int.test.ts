import { randomUUID } from "node:crypto";
import { createDatabase, createLogger, migrateToLatest, type Knex } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { INFRA, uniqueId } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUsageReport, type UsageReportInput } from "../src/domain/get-usage-report.js";
import { maintainPartitions } from "../src/domain/maintain-partitions.js";
import { recordUsageBatch } from "../src/domain/record-usage-batch.js";
import type { StoredUsageEvent } from "../src/domain/usage-event.js";
import { SKETCH_RELATIVE_ACCURACY } from "../src/domain/usage-sketch.js";
import { migrations } from "../src/migrations/index.js";
import { coverRange } from "../src/rollups/cover-range.js";
import { RecordPartitions } from "../src/store/record-partitions.js";
import { RecordWriter } from "../src/store/record-writer.js";
import { RollupReader } from "../src/store/rollup-reader.js";
import { UsageStore } from "../src/store/usage-store.js";

const schema = `an_${uniqueId("anr")}`;
const logger = createLogger({ service: "test", version: "test", level: "error" });
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const TODAY = Math.floor(Date.now() / DAY) * DAY;

interface Spec {
  at: number;
  model?: string;
  latencyMs: number;
  ttftMs?: number;
  status?: "succeeded" | "failed";
  errorType?: string;
  prompt?: number;
  completion?: number;
}

/** A usage event as the gateway publishes it (one attempt, final), at a chosen time. */
function event(projectId: string, spec: Spec): StoredUsageEvent {
  const failed = spec.status === "failed";
  const usage = eventsV1.UsageRecorded.fromPartial({
    requestId: `req_${randomUUID()}`,
    keyId: "key_1",
    projectId,
    orgId: "org_1",
    model: spec.model ?? "model-a",
    deploymentId: "dep_1",
    provider: "openai",
    endpoint: "chat.completions",
    usage: { promptTokens: spec.prompt ?? 0, completionTokens: spec.completion ?? 0, totalTokens: (spec.prompt ?? 0) + (spec.completion ?? 0) },
    latencyMs: spec.latencyMs,
    timeToFirstTokenMs: spec.ttftMs ?? 0,
    stream: spec.ttftMs !== undefined,
    status: failed ? "failed" : "succeeded",
    errorCode: failed ? "upstream_error" : "",
    errorType: failed ? (spec.errorType ?? "server") : "",
    vendorStatus: failed ? 500 : 0,
    httpStatus: failed ? 502 : 200,
    startedAt: new Date(spec.at).toISOString(),
    attempt: 1,
    served: !failed,
    finalAttempt: true,
    outcome: failed ? "vendor_error" : "succeeded",
    parameters: { messages: 3, maxTokens: 64, temperature: 0.5 },
  });
  return { envelope: { eventId: randomUUID(), eventType: "usage.recorded", source: "gateway", time: new Date(spec.at).toISOString(), subject: usage.keyId, schemaVersion: "1", requestId: usage.requestId }, usage };
}

/** The value at rank floor(q·(n−1)) of the sorted samples: what DDSketch approximates. */
function exactQuantile(values: readonly number[], quantile: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(quantile * (sorted.length - 1))]!;
}

function expectWithinAccuracy(actual: number, exact: number): void {
  // Rounded to 0.01 ms on the way out: allow that too.
  expect(Math.abs(actual - exact)).toBeLessThanOrEqual(exact * SKETCH_RELATIVE_ACCURACY + 0.01);
}

describe("invocation records, rollups and reports on the real Postgres", () => {
  let db: Knex;
  let partitions: RecordPartitions;
  let store: UsageStore;
  const noBilling = { sum: async () => Promise.reject(new Error("billing is not part of this test: cost is covered by the gateway's usage-report test")) };
  const NO_FILTER: UsageReportInput["filter"] = { start: "", end: "", orgId: "", projectId: "", keyId: "", model: "", provider: "", deploymentId: "", status: "" };
  const report = (input: Partial<Omit<UsageReportInput, "filter">> & { filter: Partial<UsageReportInput["filter"]> }) =>
    getUsageReport({ rollups: new RollupReader(db), costs: noBilling, logger }, { groupBy: [], trend: "", top: 0, ...input, filter: { ...NO_FILTER, ...input.filter } });
  const record = (events: StoredUsageEvent[]) => recordUsageBatch({ usage: store, logger }, { events });

  beforeAll(async () => {
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 4 });
    await migrateToLatest(db, schema, migrations);
    partitions = new RecordPartitions(db);
    await maintainPartitions({ partitions, clock: Date.now, logger }, { retentionDays: 30, aheadDays: 3 });
    store = new UsageStore(db, new RecordWriter({ partitions, retentionDays: 30, clock: Date.now }));
  });
  afterAll(async () => {
    await db?.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db?.destroy();
  });

  it("keeps one record per event and exact rollups under replay; percentiles from merged sketches within 1%", async () => {
    const projectId = "proj_replay";
    const base = TODAY - 2 * HOUR;
    const specs: Spec[] = Array.from({ length: 240 }, (_, index) => ({
      at: base + index * 17_000,
      model: index % 3 === 0 ? "model-b" : "model-a",
      latencyMs: 20 + ((index * 37) % 240) * 11,
      ttftMs: index % 2 === 0 ? 5 + ((index * 13) % 97) : undefined,
      status: index % 10 === 9 ? "failed" : "succeeded",
      errorType: index % 20 === 19 ? "rate_limit" : "server",
      prompt: 10 + (index % 7),
      completion: index % 10 === 9 ? 0 : 3 + (index % 5),
    }));
    const events = specs.map((spec) => event(projectId, spec));
    // Batches overlap, repeat events within a batch, and the whole set is replayed.
    await record([...events.slice(0, 150), events[3]!, events[3]!]);
    await record(events.slice(100));
    expect(await record(events)).toEqual({ stored: 0, repeated: events.length });

    const counted = await db("invocation_records").where({ project_id: projectId }).count<Array<{ count: string }>>("* as count");
    expect(Number(counted[0]?.count)).toBe(events.length);
    const stored = await db("invocation_records").where({ event_id: events[9]!.envelope.eventId }).first();
    expect(stored).toMatchObject({ status: "failed", error_type: "server", vendor_status: 500, final_attempt: true, parameters: { messages: 3, maxTokens: 64, temperature: 0.5 } });

    const { totals, groups } = await report({ filter: { projectId, start: new Date(base - HOUR).toISOString(), end: new Date(TODAY + HOUR).toISOString() }, groupBy: ["model"] });
    const failed = specs.filter((spec) => spec.status === "failed");
    expect(totals).toMatchObject({ requests: 240, attempts: 240, succeeded: 240 - failed.length, failed: failed.length, errorsByType: { rate_limit: 12, server: 12 } });
    expect(totals.tokens.promptTokens).toBe(specs.reduce((sum, spec) => sum + spec.prompt!, 0));
    expect(totals.tokens.totalTokens).toBe(specs.reduce((sum, spec) => sum + spec.prompt! + spec.completion!, 0));
    const latencies = specs.map((spec) => spec.latencyMs);
    for (const [name, quantile] of [["p50", 0.5], ["p90", 0.9], ["p99", 0.99]] as const) expectWithinAccuracy(totals.latencyMs[name], exactQuantile(latencies, quantile));
    const ttfts = specs.flatMap((spec) => (spec.ttftMs === undefined ? [] : [spec.ttftMs]));
    expect(totals.timeToFirstTokenMs.count).toBe(ttfts.length);
    expectWithinAccuracy(totals.timeToFirstTokenMs.p99, exactQuantile(ttfts, 0.99));
    expect(totals.latencyMs.mean).toBeCloseTo(latencies.reduce((sum, value) => sum + value, 0) / latencies.length, 2);
    expect(groups.map((group) => [group.dimensions.model, group.metrics.requests]).sort()).toEqual([["model-a", 160], ["model-b", 80]]);
  });

  it("answers a range that cuts days and hours exactly, from day, hour and minute rollups", async () => {
    const projectId = "proj_range";
    // Three days of events every 7 minutes and 13 seconds, starting 3 days ago.
    const times = Array.from({ length: 600 }, (_, index) => TODAY - 3 * DAY + index * (7 * MINUTE + 13_000));
    await record(times.map((at) => event(projectId, { at, latencyMs: 100, prompt: 1, completion: 1 })));
    const start = TODAY - 3 * DAY + 10 * HOUR + 17 * MINUTE;
    const end = TODAY - 5 * HOUR - 43 * MINUTE;
    const segments = coverRange(new Date(start), new Date(end));
    expect(segments.map((segment) => segment.granularity)).toContain("day");
    expect(segments.map((segment) => segment.granularity)).toContain("minute");

    const expected = times.filter((at) => at >= start && at < end).length;
    const { totals, trend } = await report({ filter: { projectId, start: new Date(start).toISOString(), end: new Date(end).toISOString() }, trend: "hour" });
    expect(totals.requests).toBe(expected);
    expect(totals.tokens.totalTokens).toBe(2 * expected);
    expect(trend.reduce((sum, point) => sum + point.metrics.requests, 0)).toBe(expected);
    const coarse = await report({ filter: { projectId, start: new Date(start).toISOString(), end: new Date(end).toISOString() } });
    expect(coarse.totals.requests).toBe(expected);
    await expect(report({ filter: { projectId, start: new Date(start + 1_000).toISOString(), end: new Date(end).toISOString() } })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("creates partitions ahead, drops those past the retention, and still rolls up an event too old for a record", async () => {
    const old = new Date(TODAY - 40 * DAY);
    await partitions.ensure([old]);
    expect((await partitions.list()).map((day) => day.getTime())).toContain(old.getTime());
    const { dropped } = await maintainPartitions({ partitions, clock: Date.now, logger }, { retentionDays: 30, aheadDays: 3 });
    expect(dropped.map((day) => day.getTime())).toEqual([old.getTime()]);
    const days = (await partitions.list()).map((day) => day.getTime());
    for (let ahead = 0; ahead <= 3; ahead += 1) expect(days).toContain(TODAY + ahead * DAY);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(TODAY - 30 * DAY);

    const projectId = "proj_old";
    const late = event(projectId, { at: TODAY - 45 * DAY + 5 * MINUTE, latencyMs: 42, prompt: 5 });
    expect(await record([late])).toEqual({ stored: 1, repeated: 0 });
    expect(await db("invocation_records").where({ project_id: projectId }).first()).toBeUndefined();
    const { totals } = await report({ filter: { projectId, start: new Date(TODAY - 46 * DAY).toISOString(), end: new Date(TODAY).toISOString() } });
    expect(totals).toMatchObject({ requests: 1, tokens: { promptTokens: 5 } });
  });
});
