import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "@llm-serve/common";
import { INFRA, captureLogs, uniqueId } from "@llm-serve/testkit";
import { idempotency } from "../src/idempotency/idempotency-middleware.js";
import { IdempotencyStore } from "../src/idempotency/idempotency-store.js";

/**
 * The order that keeps a replayed answer from hiding unrecorded usage (ADR 0039): an answer is kept
 * in the store (and sent) only once the request's usage is crash-safe. Here the usage sink's
 * durability is held back by the test, with the real middleware and store on the real Redis.
 */
describe("an idempotent answer waits for its usage to be crash-safe", () => {
  const redis = new Redis(INFRA.redisUrl, { keyPrefix: `${uniqueId("idem-durable")}:` });
  const logs = captureLogs();
  let releaseUsage: () => void = () => undefined;
  let durableCalls = 0;
  let url = "";
  let close: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(express.raw({ type: "*/*" }), (request, response, next) => {
      (request as typeof request & { rawBody?: Buffer }).rawBody = request.body as Buffer;
      response.locals.principal = { projectId: "project-durable" };
      next();
    });
    app.post(
      "/v1/chat/completions",
      idempotency({
        store: new IdempotencyStore(redis, { leaseMs: 2_000, ttlSeconds: 60 }),
        leaseMs: () => 2_000,
        maxAnswerBytes: () => 65_536,
        maxHoldMs: () => 30_000,
        logger: () => logs.logger,
        usageDurable: () => {
          durableCalls += 1;
          return new Promise<void>((resolve) => (releaseUsage = resolve));
        },
      }),
      (_request, response) => void response.json({ id: "chatcmpl-durable", object: "chat.completion" }),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`;
    close = () => server.close();
  });

  afterAll(async () => {
    close();
    await redis.quit();
  });

  const post = (key: string) => fetch(url, { method: "POST", headers: { "idempotency-key": key, "content-type": "application/json" }, body: '{"model":"m"}' });

  it("neither keeps nor sends the answer before the usage is safe; then a retry replays it", async () => {
    const first = post("key-1");
    while (durableCalls === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    // Held back: the key is still running (a retry is told to wait, never given an answer).
    const retryWhileHeld = await post("key-1");
    expect(retryWhileHeld.status).toBe(409);
    const settled = await Promise.race([first.then(() => "answered"), new Promise((resolve) => setTimeout(() => resolve("waiting"), 200))]);
    expect(settled).toBe("waiting");
    releaseUsage();
    const answer = await first;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ id: "chatcmpl-durable", object: "chat.completion" });
    const replay = await post("key-1");
    expect(replay.status).toBe(200);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(durableCalls).toBe(1);
  });
});
