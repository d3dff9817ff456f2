import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "@llm-serve/common";
import { eventsV1 } from "@llm-serve/proto";
import { INFRA, captureLogs, uniqueId } from "@llm-serve/testkit";
import { idempotency } from "../src/idempotency/idempotency-middleware.js";
import { IdempotencyStore } from "../src/idempotency/idempotency-store.js";
import { holdingUsageSink } from "../src/idempotency/usage-hold.js";
import type { UsageSink } from "../src/ports/usage-sink.js";

const PROJECT = "project-hold";

/** A sink that notes each event and what the idempotency store held for its key at that moment. */
class NotingSink implements UsageSink {
  readonly events: Array<{ requestId: string; eventId: string | undefined; storedThen: Promise<string | null> }> = [];
  constructor(private readonly storedValue: (requestId: string) => Promise<string | null>) {}
  accepting = () => true;
  /** While set, the events taken are not yet safe from a crash (the spool's fdatasync is pending). */
  pendingDisk: Promise<void> | undefined;
  durable = () => this.pendingDisk ?? Promise.resolve();
  record(usage: eventsV1.UsageRecorded, eventId?: string): void {
    this.events.push({ requestId: usage.requestId, eventId, storedThen: this.storedValue(usage.requestId) });
  }
}

/**
 * ADR 0039 with the real middleware and store on the real Redis: a keyed request's usage events
 * are written to the store with its answer, reach the sink only after that write, and a replay
 * re-states them with the same ids (what the outbox and the consumers deduplicate on).
 */
describe("the usage of an idempotent answer is kept with it", () => {
  const prefix = `${uniqueId("idem-hold")}:`;
  const redis = new Redis(INFRA.redisUrl, { keyPrefix: prefix });
  // Another connection: its GET is not queued behind the middleware's own commands.
  const observer = new Redis(INFRA.redisUrl, { keyPrefix: prefix });
  const storedValue = (idempotencyKey: string) => observer.get(`${PROJECT}:${createHash("sha256").update(idempotencyKey).digest("hex")}`);
  const held = new NotingSink(storedValue);
  const restated = new NotingSink(storedValue);
  const pipelineSink = holdingUsageSink(held);
  const settledAgain: unknown[] = [];
  let url = "";
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(express.raw({ type: "*/*" }), (request, response, next) => {
      (request as typeof request & { rawBody?: Buffer }).rawBody = request.body as Buffer;
      response.locals.principal = { projectId: PROJECT };
      next();
    });
    app.post(
      "/v1/chat/completions",
      idempotency({
        store: new IdempotencyStore(redis, { leaseMs: 2_000, ttlSeconds: 60 }),
        leaseMs: () => 2_000,
        maxAnswerBytes: () => 65_536,
        maxHoldMs: () => 30_000,
        logger: () => captureLogs().logger,
        usage: { held, restated },
        settleAgain: async (receipt) => void settledAgain.push(receipt),
      }),
      async (request, response) => {
        // As the pipeline does: the events are stated after an await (the upstream call), then the answer.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const requestId = request.header("idempotency-key") ?? `unkeyed-${Date.now()}`;
        pipelineSink.record(eventsV1.UsageRecorded.fromPartial({ requestId, model: "m", attempt: 1, usage: { totalTokens: 7 } }));
        pipelineSink.record(eventsV1.UsageRecorded.fromPartial({ requestId, model: "m", attempt: 2, usage: { totalTokens: 9 } }));
        pipelineSink.settling?.(() => ({ reservationId: `res-${requestId}`, charge: 16 }));
        response.json({ id: `chatcmpl-${requestId}`, object: "chat.completion" });
      },
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
    close = () => server.close();
  });

  afterAll(async () => {
    close();
    await Promise.all([redis.quit(), observer.quit()]);
  });

  const post = (key: string | undefined) =>
    fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) }, body: '{"model":"m"}' });

  it("writes the events and the settlement's receipt with the answer, hands the events to the sink only after, and a replay re-states both", async () => {
    const answer = await post("key-a");
    expect(answer.status).toBe(200);
    const first = held.events.filter((event) => event.requestId === "key-a");
    expect(first).toHaveLength(2);
    for (const event of first) {
      expect(event.eventId).toMatch(/^[0-9a-f-]{36}$/);
      // When the sink took the event, the store already held the answer with this very event.
      const stored = await event.storedThen;
      expect(stored?.startsWith("done|")).toBe(true);
      const kept = JSON.parse(stored!.slice("done|".length)) as { usage: Array<{ eventId: string; usage: { attempt: number; usage: { totalTokens: number } } }> };
      expect(kept.usage.map((entry) => entry.eventId)).toContain(event.eventId);
      expect(kept.usage.map((entry) => entry.usage.usage.totalTokens)).toEqual([7, 9]);
      // And the quota settlement's receipt, in the same write.
      expect((JSON.parse(stored!.slice("done|".length)) as { settlement: unknown }).settlement).toEqual({ reservationId: "res-key-a", charge: 16 });
    }
    expect(settledAgain).toEqual([]);

    const replay = await post("key-a");
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual({ id: "chatcmpl-key-a", object: "chat.completion" });
    expect(restated.events.map((event) => event.eventId)).toEqual(first.map((event) => event.eventId));
    // The replay makes the kept settlement again (quota counts it once by its reservation id).
    expect(settledAgain).toEqual([{ reservationId: "res-key-a", charge: 16 }]);
    // The replay ran no handler: the pipeline's sink took nothing new.
    expect(held.events.filter((event) => event.requestId === "key-a")).toHaveLength(2);
  });

  it("leaves requests without a key alone: their events go straight to the sink, with ids of the sink's own", async () => {
    const before = held.events.length;
    expect((await post(undefined)).status).toBe(200);
    const events = held.events.slice(before);
    expect(events).toHaveLength(2);
    expect(events.every((event) => event.eventId === undefined)).toBe(true);
  });

  it("sends a kept answer only once its events are safe from a crash (the sink's durable), as a client that got it will not retry", async () => {
    let onDisk: () => void = () => undefined;
    held.pendingDisk = new Promise<void>((resolve) => (onDisk = resolve));
    try {
      let answered = false;
      const answer = post("key-durable").then((response) => ((answered = true), response));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The events were handed over, the answer kept, but not sent while the disk write is pending.
      expect(held.events.filter((event) => event.requestId === "key-durable")).toHaveLength(2);
      expect(answered).toBe(false);
      onDisk();
      expect((await answer).status).toBe(200);
    } finally {
      held.pendingDisk = undefined;
    }
  });
});
