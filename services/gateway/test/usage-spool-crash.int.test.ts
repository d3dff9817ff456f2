import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOPICS, createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, freePort, spawnService, waitFor, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

const REQUESTS = 12;

/** Lines (events) in every spool file under the folder, recursively. */
function spooledEvents(folder: string): number {
  let lines = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".spool")) continue;
    lines += readFileSync(join(entry.parentPath, entry.name), "utf8").split("\n").filter((line) => line.length > 0).length;
  }
  return lines;
}

describe("usage held during a Postgres outage survives a crash of the gateway (disk spool)", () => {
  let platform: Platform;
  let db: Knex;
  let secret: string;
  const schema = `gw_spool_${process.pid}_${Date.now().toString(36)}`;
  const spoolDir = mkdtempSync(join(tmpdir(), "llms-usage-spool-"));
  const gateways: ServiceProcess[] = [];

  const startChildGateway = async () => {
    const port = await freePort();
    const child = await spawnService("gateway", { ...platform.env, DATABASE_SCHEMA: schema, HTTP_PORT: String(port), GATEWAY_USAGE_SPOOL_DIR: spoolDir }, 60_000);
    gateways.push(child);
    return { child, url: `http://127.0.0.1:${port}` };
  };

  const usageRowsByRequest = async (): Promise<Map<string, number>> => {
    const rows: Array<{ topic: string; payload: string }> = await db("outbox").select("topic", "payload");
    const counts = new Map<string, number>();
    for (const row of rows.filter((candidate) => candidate.topic.endsWith(TOPICS.usageRecorded.name))) {
      const requestId = (JSON.parse(row.payload) as { requestId: string }).requestId;
      counts.set(requestId, (counts.get(requestId) ?? 0) + 1);
    }
    return counts;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    secret = (await platform.createKey()).secret;
    db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
  });

  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop("SIGKILL");
    await db?.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await db?.destroy();
    await platform?.stop();
  });

  it("replays the spool of a gateway killed with SIGKILL: every usage event reaches the outbox exactly once", async () => {
    const doomed = await startChildGateway();
    // Postgres refuses the gateway's writes: its outbox table is gone.
    await db.raw("ALTER TABLE outbox RENAME TO outbox_away");
    const requestIds: string[] = [];
    try {
      for (let index = 0; index < REQUESTS; index += 1) {
        const response = await fetch(`${doomed.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: `spool ${index}` }], max_tokens: 16 }),
        });
        expect(response.status, await response.clone().text()).toBe(200);
        await response.arrayBuffer();
        requestIds.push(response.headers.get("x-request-id")!);
      }
      // Answers go first and the spool follows within an fsync (the stated loss bound): wait for it, then crash.
      await waitFor(() => spooledEvents(spoolDir) >= REQUESTS, { description: "the usage events on disk", timeoutMs: 20_000 });
      expect(await doomed.child.stop("SIGKILL")).toBeNull();
    } finally {
      await db.raw("ALTER TABLE outbox_away RENAME TO outbox");
    }
    expect((await usageRowsByRequest()).size).toBe(0);

    await startChildGateway();
    const counts = await waitFor(async () => {
      const found = await usageRowsByRequest();
      return requestIds.every((id) => found.has(id)) ? found : undefined;
    }, { description: "every spooled usage event in the outbox", timeoutMs: 30_000 });
    expect(requestIds.map((id) => counts.get(id))).toEqual(requestIds.map(() => 1));
    expect(counts.size).toBe(REQUESTS);
    // The dead gateway's file is gone once its events are safe; the new one's is emptied as they commit.
    await waitFor(() => spooledEvents(spoolDir) === 0, { description: "the spool emptied" });
  });
});
