import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, encodeEvent, migrateToLatest, TOPICS, type Knex } from "@llm-serve/common";
import { INFRA, captureLogs, uniqueId, waitFor } from "@llm-serve/testkit";
import { eventsV1 } from "@llm-serve/proto";
import { migrations } from "../src/migrations/index.js";
import { GroupCommitOutbox } from "../src/usage/group-commit-outbox.js";
import { UsageSpoolFile } from "../src/usage/usage-spool-file.js";

function usageEvent(requestId: string) {
  return encodeEvent(
    { topic: TOPICS.usageRecorded, key: "key-1", payload: eventsV1.UsageRecorded.fromPartial({ requestId, keyId: "key-1", model: "m" }), requestId, subject: requestId },
    { source: "gateway", namespace: "" },
  );
}

async function outboxRequestIds(db: Knex): Promise<string[]> {
  const rows: Array<{ payload: string }> = await db("outbox").select("payload").orderBy("seq");
  return rows.map((row) => (JSON.parse(row.payload) as { requestId: string }).requestId);
}

describe("the gateway's usage outbox (group commit, answer first)", () => {
  const schema = `gw_${uniqueId("outbox")}`;
  let db: Knex;

  beforeAll(async () => {
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 4 });
    await migrateToLatest(db, schema, migrations);
  });

  afterAll(async () => {
    await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db.destroy();
  });

  it("takes events synchronously and commits many in one batch", async () => {
    let commits = 0;
    const outbox = new GroupCommitOutbox(db, captureLogs().logger, { onCommitted: () => (commits += 1) });
    const ids = Array.from({ length: 50 }, (_, index) => `burst-${index}`);
    for (const id of ids) outbox.write(usageEvent(id));
    expect(outbox.backlog).toBe(50);
    await outbox.flush();
    expect(outbox.backlog).toBe(0);
    expect(await outboxRequestIds(db)).toEqual(ids);
    expect(commits).toBe(1);
    await db("outbox").delete();
  });

  it("keeps events while Postgres refuses them, refuses new work past its backlog, and commits each exactly once when Postgres is back", async () => {
    const logs = captureLogs();
    const outbox = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined, maxBacklog: 3, retryBaseMs: 20, retryMaxMs: 50 });
    // The outbox table "disappears" (as for a Postgres that refuses writes).
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    try {
      for (const id of ["a", "b", "c"]) outbox.write(usageEvent(id));
      await waitFor(() => logs.lines.some((line) => line.msg === "could not write usage events to the outbox; retrying"), { description: "a failed attempt" });
      expect(outbox.backlog).toBe(3);
      expect(outbox.accepting()).toBe(false);
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    await outbox.flush();
    expect(outbox.backlog).toBe(0);
    expect(outbox.accepting()).toBe(true);
    expect(await outboxRequestIds(db)).toEqual(["a", "b", "c"]);
    await db("outbox").delete();
  });

  it("writes only what is missing when a failed attempt had committed part of the batch already", async () => {
    const logs = captureLogs();
    const outbox = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined, retryBaseMs: 20, retryMaxMs: 50 });
    const events = ["x", "y", "z"].map(usageEvent);
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    try {
      for (const event of events) outbox.write(event);
      await waitFor(() => logs.lines.some((line) => line.msg === "could not write usage events to the outbox; retrying"), { description: "a failed attempt" });
      // "y" reached the table although its writer saw an error (a commit whose answer was lost).
      const [y] = events.slice(1, 2);
      await db("outbox_away").insert({ event_id: y!.eventId, topic: y!.topic, message_key: y!.key, headers: JSON.stringify(y!.headers), payload: y!.value });
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    await outbox.flush();
    expect((await outboxRequestIds(db)).sort()).toEqual(["x", "y", "z"]);
    await db("outbox").delete();
  });

  it("gives up at shutdown after its deadline, and says how many events it lost", async () => {
    const logs = captureLogs();
    const outbox = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined, retryBaseMs: 20, retryMaxMs: 50 });
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    try {
      outbox.write(usageEvent("lost-1"));
      outbox.write(usageEvent("lost-2"));
      await outbox.flush(200);
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    const line = logs.lines.find((entry) => entry.msg === "usage events could not be committed before shutdown and are lost");
    expect(line?.events).toBe(2);
  });

  it("with a spool: holds the backlog on disk while Postgres refuses it, refuses new work past the spool's size, and empties the file once committed", async () => {
    const logs = captureLogs();
    const folder = mkdtempSync(join(tmpdir(), "llms-spool-unit-"));
    const spool = await UsageSpoolFile.create(folder);
    const outbox = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined, retryBaseMs: 20, retryMaxMs: 50, spool, maxSpoolBytes: 2_048 });
    const spooledIds = () => readFileSync(join(folder, spool.fileName()), "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { eventId: string }).eventId);
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    const events = Array.from({ length: 8 }, (_, index) => usageEvent(`spooled-${index}`));
    try {
      for (const event of events) outbox.write(event);
      await waitFor(() => spooledIds().length === events.length, { description: "the backlog on disk" });
      expect(spooledIds()).toEqual(events.map((event) => event.eventId));
      expect(spool.bytes).toBeGreaterThan(2_048);
      expect(outbox.accepting()).toBe(false);
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    await outbox.flush();
    expect(outbox.accepting()).toBe(true);
    expect(spooledIds()).toEqual([]);
    expect(await outboxRequestIds(db)).toEqual(events.map((_, index) => `spooled-${index}`));
    await outbox.close();
    expect(readdirSync(folder)).toEqual([]);
    await db("outbox").delete();
  });

  it("says when the events taken are safe from a crash: on disk in the spool while Postgres refuses them, or committed without a spool", async () => {
    const logs = captureLogs();
    const folder = mkdtempSync(join(tmpdir(), "llms-spool-durable-"));
    const spool = await UsageSpoolFile.create(folder);
    const outbox = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined, retryBaseMs: 20, retryMaxMs: 50, spool });
    const spooledIds = () => readFileSync(join(folder, spool.fileName()), "utf8").split("\n").filter(Boolean).length;
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    try {
      outbox.write(usageEvent("durable-1"));
      await outbox.durable();
      // Resolved by the disk copy alone: nothing is committed yet.
      expect(spooledIds()).toBe(1);
      expect(outbox.backlog).toBe(1);
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    await outbox.close();
    const memoryOnly = new GroupCommitOutbox(db, logs.logger, { onCommitted: () => undefined });
    memoryOnly.write(usageEvent("durable-2"));
    let safe = false;
    const waiting = memoryOnly.durable().then(() => (safe = true));
    expect(safe).toBe(false);
    await waiting;
    expect(memoryOnly.backlog).toBe(0);
    expect(await outboxRequestIds(db)).toEqual(["durable-1", "durable-2"]);
    await db("outbox").delete();
  });
});
