import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "@llm-serve/testkit";
import type { QuotaEngine } from "../src/index.js";
import { SETTINGS, createTestRedis, policy, quotaFor } from "./support.js";

type CountedSocket = Socket & { _write: (...args: unknown[]) => unknown; _writev: (...args: unknown[]) => unknown };

/** Counts the writes that reach a client's socket (each is one system call). */
function countWrites(socket: CountedSocket): { count: () => number } {
  let writes = 0;
  const write = socket._write.bind(socket);
  const writev = socket._writev.bind(socket);
  socket._write = (...args: unknown[]) => ((writes += 1), write(...args));
  socket._writev = (...args: unknown[]) => ((writes += 1), writev(...args));
  return { count: () => writes };
}

describe("the scripts of one event-loop turn leave in one socket write", () => {
  let redis: Awaited<ReturnType<typeof createTestRedis>>;
  let engine: QuotaEngine;
  let socket: CountedSocket;

  beforeAll(async () => {
    redis = await createTestRedis();
    engine = redis.engine();
    const connection = redis.connections.at(-1)!;
    await waitFor(() => connection.status === "ready", { description: "the engine's connection" });
    socket = connection.stream as CountedSocket;
  });
  afterAll(() => redis.close());

  it("sends 20 reserves issued together in one write, and answers each of them", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 1_000, tokensPerMinute: 1_000_000 }));
    const writes = countWrites(socket);
    const decisions = await Promise.all(Array.from({ length: 20 }, (_, index) => engine.reserve({ quota, estimate: { tokens: 5, costMicros: 0 }, settings: SETTINGS, requestId: `together_${index}` })));
    expect(decisions.every((decision) => decision.outcome === "admitted")).toBe(true);
    expect(writes.count()).toBe(1);
    expect(socket.writableCorked).toBe(0);
  });

  it("does not hold a lone command back past its turn", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 1_000 }));
    const writes = countWrites(socket);
    for (let index = 0; index < 3; index += 1) {
      const decision = await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: `alone_${index}` });
      expect(decision.outcome).toBe("admitted");
    }
    expect(writes.count()).toBe(3);
  });

  it("sends a settlement with the turn's other commands, and says when it has left: the answer it charges for waits for that", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 1_000 }));
    const reservation = await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "settled_now" });
    if (reservation.outcome !== "admitted") throw new Error(reservation.outcome);
    expect(engine.sent()).toBeUndefined();
    const writes = countWrites(socket);
    // Another request's reserve corks the socket in this turn; the settlement joins it.
    const other = engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "corked_with_it" });
    const settled = engine.settle(reservation.reservation, { tokens: 1, costMicros: 0 });
    expect(socket.writableCorked).toBe(1);
    const sent = engine.sent();
    if (sent === undefined) throw new Error("a corked settlement must say when it leaves");
    let leftWith: { corked: number; writes: number } | undefined;
    void sent.then(() => (leftWith = { corked: socket.writableCorked, writes: writes.count() }));
    expect(writes.count()).toBe(0);
    await sent;
    // Woken only once both commands are in the socket, in one write.
    expect(leftWith).toEqual({ corked: 0, writes: 1 });
    expect(engine.sent()).toBeUndefined();
    expect((await settled).outcome).toBe("settled");
    expect((await other).outcome).toBe("admitted");
  });

  it("sends a lone settlement by the end of its turn", async () => {
    const quota = quotaFor(policy({ scope: "key", scopeId: "key_1", requestsPerMinute: 1_000 }));
    const reservation = await engine.reserve({ quota, estimate: { tokens: 1, costMicros: 0 }, settings: SETTINGS, requestId: "settled_alone" });
    if (reservation.outcome !== "admitted") throw new Error(reservation.outcome);
    const writes = countWrites(socket);
    const settled = engine.settle(reservation.reservation, { tokens: 1, costMicros: 0 });
    await engine.sent();
    expect(writes.count()).toBe(1);
    expect((await settled).outcome).toBe("settled");
  });
});
