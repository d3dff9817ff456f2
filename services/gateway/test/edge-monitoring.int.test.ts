import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type RunningGateway } from "../src/app.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const MAX_STREAMS = 2;
const RPM = 3;

/** The events of one SSE answer, read as they arrive; `ended` settles when the server closes it. */
function openStream(url: string, secret: string) {
  const events: Array<Record<string, any>> = [];
  const controller = new AbortController();
  const answer = fetch(url, { headers: { authorization: `Bearer ${secret}`, accept: "text/event-stream" }, signal: controller.signal });
  const ended = (async () => {
    const response = await answer;
    if (!response.body || response.status !== 200) return response.status;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith("data: ")) events.push(JSON.parse(frame.slice(6)) as Record<string, any>);
        }
      }
    } catch {
      // aborted by the test
    }
    return 200;
  })();
  return { events, answer, ended, close: () => controller.abort() };
}

/**
 * Issue 13 item 2: /v1/status, /v1/usage and /v1/models are metered, status is sampled once a
 * second whatever the traffic, and SSE streams are capped per key and end with their key.
 */
describe("metered monitoring endpoints and their streams", () => {
  let platform: Platform;
  let second: RunningGateway;
  const adminCall = async (gateway: RunningGateway, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.adminToken}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    platform = await startPlatform({ GATEWAY_MONITOR_INTERVAL_MS: "200", GATEWAY_MAX_SSE_STREAMS_PER_KEY: String(MAX_STREAMS), QUOTA_POLICY_REFRESH_MS: "300" });
    // A second gateway: revocations made through it reach the first one only as Kafka events.
    second = await startGateway({ ...platform.env, DATABASE_SCHEMA: `gw_${platform.isolation}` });
  });

  afterAll(async () => {
    await second?.stop();
    await platform?.stop();
  });

  it("asks Nacos at most once a second for /v1/status, however many callers", async () => {
    const key = await platform.createKey();
    let instanceLookups = 0;
    const count = (message: unknown) => {
      const request = (message as { request: { path: string } }).request;
      // Only /v1/status looks the assistant service up (nothing in this platform calls it).
      if (request.path.includes("/ns/instance/list") && request.path.includes(`groupName=${platform.isolation}`) && request.path.includes("llm-serve.assistant")) instanceLookups += 1;
    };
    subscribe("undici:request:create", count);
    try {
      const started = performance.now();
      const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${platform.gateway.url}/v1/status`, { headers: { authorization: `Bearer ${key.secret}` } })));
      const elapsedSeconds = (performance.now() - started) / 1000;
      for (const answer of answers) expect(answer.status).toBe(200);
      const body = (await answers[0]!.json()) as { services: Record<string, unknown> };
      expect(Object.keys(body.services)).toContain("auth-key");
      // One sample per started second at most (the old code: one lookup of each service per request, 40).
      expect(instanceLookups).toBeGreaterThanOrEqual(1);
      expect(instanceLookups).toBeLessThanOrEqual(Math.ceil(elapsedSeconds) + 1);
      console.info(`edge: 40 status requests in ${elapsedSeconds.toFixed(2)} s looked the assistant service up ${instanceLookups} times`);
    } finally {
      unsubscribe("undici:request:create", count);
    }
  });

  it.each(["/v1/models", "/v1/status", "/v1/usage"])("counts %s against the key's requests per minute", async (path) => {
    const key: IssuedKey = await platform.createKey();
    const created = await adminCall(platform.gateway, "POST", "/admin/quota/policies", { scope: "key", scope_id: key.keyId, requests_per_minute: RPM });
    expect(created.status).toBe(201);
    const call = () => fetch(`${platform.gateway.url}${path}`, { headers: { authorization: `Bearer ${key.secret}` } });
    // Once the gateway has the policy, the key gets its RPM answers and then 429 (never on the old code).
    const refused = await waitFor(async () => ((await call()).status === 429 ? true : undefined), { intervalMs: 50, timeoutMs: 20_000, description: `${path} refused by the key's RPM` });
    expect(refused).toBe(true);
    const answer = await call();
    expect(answer.status).toBe(429);
    expect(((await answer.json()) as { error: { type: string } }).error.type).toBe("requests");
  });

  it(`caps the streams per key at ${MAX_STREAMS}; one more gets 429`, async () => {
    const key = await platform.createKey();
    const streams = Array.from({ length: MAX_STREAMS }, () => openStream(`${platform.gateway.url}/v1/status?stream=true`, key.secret));
    try {
      for (const stream of streams) expect((await stream.answer).status).toBe(200);
      const extra = await fetch(`${platform.gateway.url}/v1/usage?stream=true`, { headers: { authorization: `Bearer ${key.secret}` } });
      expect(extra.status).toBe(429);
      expect(((await extra.json()) as { error: { code: string } }).error.code).toBe("too_many_streams");
      // Another key is not affected.
      const other = await platform.createKey();
      const json = await fetch(`${platform.gateway.url}/v1/usage`, { headers: { authorization: `Bearer ${other.secret}` } });
      expect(json.status).toBe(200);
    } finally {
      for (const stream of streams) stream.close();
    }
    // Closed streams free their places.
    await waitFor(async () => {
      const again = openStream(`${platform.gateway.url}/v1/status?stream=true`, key.secret);
      const status = (await again.answer).status;
      again.close();
      return status === 200;
    }, { description: "a freed stream place" });
  });

  it("ends a key's streams when it is revoked on another gateway (the revocation event)", async () => {
    const key = await platform.createKey();
    const stream = openStream(`${platform.gateway.url}/v1/usage?stream=true`, key.secret);
    try {
      expect((await stream.answer).status).toBe(200);
      await waitFor(() => stream.events.length >= 1, { description: "a first usage sample" });
      const revoked = await adminCall(second, "POST", `/admin/keys/${key.keyId}/revoke`, { reason: "edge test" });
      expect(revoked.status).toBe(200);
      const outcome = await Promise.race([stream.ended.then(() => "ended"), new Promise((resolve) => setTimeout(() => resolve("still open"), 20_000))]);
      expect(outcome).toBe("ended");
      expect(stream.events.at(-1)).toMatchObject({ error: { code: "invalid_api_key" } });
    } finally {
      stream.close();
    }
  });

  it("ends a stream when its key expires", async () => {
    const key = await platform.createKey({ expires_at: Math.floor(Date.now() / 1000) + 4 });
    const stream = openStream(`${platform.gateway.url}/v1/status?stream=true`, key.secret);
    try {
      expect((await stream.answer).status).toBe(200);
      const outcome = await Promise.race([stream.ended.then(() => "ended"), new Promise((resolve) => setTimeout(() => resolve("still open"), 20_000))]);
      expect(outcome).toBe("ended");
      expect(stream.events.at(-1)).toMatchObject({ error: { code: "invalid_api_key" } });
      expect(stream.events.filter((event) => event.status !== undefined).length).toBeGreaterThan(0);
    } finally {
      stream.close();
    }
  });
});
