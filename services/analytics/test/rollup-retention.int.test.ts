import { randomUUID } from "node:crypto";
import { createDatabase, createLogger, migrateToLatest, type Knex } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { INFRA, uniqueId } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getUsageReport } from "../src/domain/get-usage-report.js";
import { maintainPartitions } from "../src/domain/maintain-partitions.js";
import { pruneRollups } from "../src/domain/prune-rollups.js";
import { recordUsageBatch } from "../src/domain/record-usage-batch.js";
import { migrations } from "../src/migrations/index.js";
import type { RollupRetention } from "../src/rollups/rollup-retention.js";
import { RecordPartitions } from "../src/store/record-partitions.js";
import { RecordWriter } from "../src/store/record-writer.js";
import { RollupReader } from "../src/store/rollup-reader.js";
import { SqlRollupPruner } from "../src/store/rollup-pruner.js";
import { UsageStore } from "../src/store/usage-store.js";

const schema = `an_${uniqueId("anret")}`;
const logger = createLogger({ service: "test", version: "test", level: "error" });
const DAY = 86_400_000;
const HOUR = 3_600_000;
const NOW = Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000;
const RETENTION: RollupRetention = { minute: 2, hour: 10, day: 40 };
const NO_FILTER = { orgId: "", projectId: "", keyId: "", model: "", provider: "", deploymentId: "", status: "" };

const usageAt = (at: number) => {
  const usage = eventsV1.UsageRecorded.fromPartial({
    requestId: `req_${randomUUID()}`, keyId: "key_1", projectId: "proj_1", orgId: "org_1", model: "m", deploymentId: "m/d", provider: "openai", endpoint: "chat.completions",
    usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, latencyMs: 10, status: "succeeded", startedAt: new Date(at).toISOString(), attempt: 1, served: true, finalAttempt: true, outcome: "succeeded",
  });
  return { envelope: { eventId: randomUUID(), eventType: "usage.recorded", source: "gateway", time: new Date(at).toISOString(), subject: "key_1", schemaVersion: "1", requestId: usage.requestId }, usage };
};

/** ADR 0028: rollups are deleted per granularity past their retention; what stays still answers exactly, what is gone is refused. */
describe("rollup retention", () => {
  let db: Knex;
  const rowsOf = async (granularity: string) => ((await db("usage_rollups").where({ granularity }).orderBy("bucket_start").select("bucket_start")) as Array<{ bucket_start: Date }>).map((row) => row.bucket_start.getTime());
  const report = (start: number, end: number, trend = "") =>
    getUsageReport({ rollups: new RollupReader(db), costs: { sum: async () => [] }, logger, retention: { days: RETENTION, clock: () => NOW } }, { filter: { ...NO_FILTER, start: new Date(start).toISOString(), end: new Date(end).toISOString() }, groupBy: [], trend, top: 0 });

  beforeAll(async () => {
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
    await migrateToLatest(db, schema, migrations);
    const partitions = new RecordPartitions(db);
    await maintainPartitions({ partitions, clock: Date.now, logger }, { retentionDays: 1, aheadDays: 1 });
    const usage = new UsageStore(db, new RecordWriter({ partitions, retentionDays: 1, clock: Date.now }));
    // One call 1 hour, 5 days, 20 days and 60 days ago (each 7 minutes past an hour).
    const ages = [HOUR, 5 * DAY, 20 * DAY, 60 * DAY];
    await recordUsageBatch({ usage, logger }, { events: ages.map((age) => usageAt(Math.floor((NOW - age) / HOUR) * HOUR + 7 * 60_000)) });
  });
  afterAll(async () => {
    await db?.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db?.destroy();
  });

  it("deletes minute, hour and day rows past their own retention and keeps the recent ones", async () => {
    expect(await rowsOf("minute")).toHaveLength(4);
    const deleted = await pruneRollups({ rollups: new SqlRollupPruner(db), clock: () => NOW, logger }, RETENTION);
    expect(deleted).toEqual({ minute: 3, hour: 2, day: 1 });
    const within = (days: number) => (time: number) => time >= NOW - days * DAY - DAY;
    expect(await rowsOf("minute")).toHaveLength(1);
    expect((await rowsOf("minute")).every(within(RETENTION.minute))).toBe(true);
    expect(await rowsOf("hour")).toHaveLength(2);
    expect((await rowsOf("hour")).every(within(RETENTION.hour))).toBe(true);
    expect(await rowsOf("day")).toHaveLength(3);
    // A second run finds nothing more to delete.
    expect(await pruneRollups({ rollups: new SqlRollupPruner(db), clock: () => NOW, logger }, RETENTION)).toEqual({ minute: 0, hour: 0, day: 0 });
  });

  it("answers ranges the kept rows tile exactly, and refuses one whose edges were deleted", async () => {
    const dayStart = (age: number) => Math.floor((NOW - age) / DAY) * DAY;
    // 30 days back to now: days of day rows, hours of hour rows, the last minutes of minute rows.
    expect((await report(dayStart(30 * DAY), Math.floor(NOW / 60_000) * 60_000)).totals.requests).toBe(3);
    // 5 days back on a whole hour: hour rows are kept for 10 days.
    const fiveDaysHour = Math.floor((NOW - 5 * DAY) / HOUR) * HOUR;
    expect((await report(fiveDaysHour, fiveDaysHour + HOUR)).totals.requests).toBe(1);
    // The same hour from a minute that is not whole: its minute rows are gone.
    await expect(report(fiveDaysHour + 5 * 60_000, fiveDaysHour + HOUR)).rejects.toMatchObject({ code: "invalid_request", details: { param: "start" } });
    await expect(report(fiveDaysHour, fiveDaysHour + HOUR, "minute")).rejects.toMatchObject({ code: "invalid_request" });
    // Past the day retention: refused rather than reported as nothing.
    await expect(report(dayStart(60 * DAY), dayStart(59 * DAY))).rejects.toMatchObject({ code: "invalid_request", details: { param: "start" } });
  });
});
