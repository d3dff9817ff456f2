import { countTokens, estimateChatPromptTokens } from "@llm-serve/adapters";
import { startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountingProbe, VENDOR_KEY, chatModel, streamedContent } from "./accounting-harness.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const MESSAGES = [{ role: "user", content: "Count this prompt, please: how are the tokens charged?" }];
const WRITE_IDLE_MS = 1_000;

/**
 * What every outcome of a call is charged (docs/events.md), on the real platform: one usage event
 * per upstream attempt that reached the vendor, and the quota counter equal to their sum.
 */
describe("accounting of every outcome: success, vendor error, client abort, stop reading, upstream cut, time-out", () => {
  let platform: Platform;
  let probe: AccountingProbe;
  let vendor: OpenAIMock;
  let second: OpenAIMock;
  let promptTokens: number;

  const chat = (key: IssuedKey, model: string, extra: Record<string, unknown> = {}, signal?: AbortSignal) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: MESSAGES, ...extra }),
      ...(signal ? { signal } : {}),
    });

  beforeAll(async () => {
    [vendor, second] = await Promise.all([startOpenAIMock({ apiKey: VENDOR_KEY }), startOpenAIMock({ apiKey: VENDOR_KEY })]);
    // Failures here are scripted: no circuit may open and reorder the deployments (or skip a queued scenario).
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: "[]", GATEWAY_STREAM_WRITE_IDLE_MS: String(WRITE_IDLE_MS), ROUTING_CIRCUIT_MIN_REQUESTS: "10000", HEALTH_PROBE_INTERVAL_MS: "0" });
    probe = new AccountingProbe(platform);
    const key = await platform.createKey();
    await probe.createModel(chatModel("acct-one", [vendor]), key);
    await probe.createModel(chatModel("acct-two", [vendor, second]), key);
    await probe.createModel(chatModel("acct-timeout", [vendor], { timeouts: { first_byte_ms: 300 } }), key);
    await probe.createModel(chatModel("acct-timeout-two", [vendor, second], { timeouts: { first_byte_ms: 300 } }), key);
    promptTokens = await estimateChatPromptTokens({ messages: MESSAGES as never });
  });

  afterAll(async () => {
    await probe?.close();
    await platform?.stop();
    await Promise.all([vendor?.close(), second?.close()]);
  });

  it("charges a success the vendor's figures, and names the attempt and deployment that served it", async () => {
    const { key, policyId } = await probe.meteredKey();
    vendor.queueScenario({ reply: { usage: { promptTokens: 31, completionTokens: 17 } } });
    const response = await chat(key, "acct-one");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-llmserve-attempt")).toBe("1");
    expect(response.headers.get("x-llmserve-deployment")).toBe("acct-one/d1");
    const [event] = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!);
    expect(event).toMatchObject({ attempt: 1, served: true, outcome: "succeeded", deploymentId: "acct-one/d1", estimated: false, promptTokens: 31, completionTokens: 17, totalTokens: 48 });
    expect(await probe.settledTokens(policyId)).toBe(48);
  });

  it("records a failed retry as its own event with its deployment, and settles the quota once with the sum", async () => {
    const { key, policyId } = await probe.meteredKey();
    vendor.queueScenario({ error: { status: 500, message: "boom" } });
    second.queueScenario({ reply: { usage: { promptTokens: 20, completionTokens: 5 } } });
    const response = await chat(key, "acct-two");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-llmserve-attempt")).toBe("2");
    expect(response.headers.get("x-llmserve-deployment")).toBe("acct-two/d2");
    const events = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!, 2);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ attempt: 1, deploymentId: "acct-two/d1", served: false, outcome: "vendor_error", status: "failed", totalTokens: 0 });
    expect(events[1]).toMatchObject({ attempt: 2, deploymentId: "acct-two/d2", served: true, outcome: "succeeded", totalTokens: 25 });
    expect(await probe.settledTokens(policyId)).toBe(25);
  });

  it("charges the prompt of a non-streaming call the client cancelled after the request reached the vendor", async () => {
    const { key, policyId } = await probe.meteredKey();
    vendor.queueScenario({ latencyMs: 10_000 });
    const before = vendor.requests.length;
    const abort = new AbortController();
    const pending = chat(key, "acct-one", {}, abort.signal).catch(() => undefined);
    await vendor.waitFor(() => vendor.requests.length > before, 20_000);
    abort.abort();
    await pending;
    const [event] = await waitFor(async () => {
      const events = (await probe.eventsOf(key.keyId)).filter((entry) => entry.outcome !== "");
      return events.length > 0 ? events : undefined;
    }, { description: "the cancelled call's event" });
    expect(event).toMatchObject({ attempt: 1, outcome: "client_abort", status: "cancelled", estimated: true, promptTokens, completionTokens: 0, totalTokens: promptTokens });
    expect(await probe.settledTokens(policyId)).toBe(promptTokens);
  });

  it("charges the prompt of a call that timed out upstream", async () => {
    const { key, policyId } = await probe.meteredKey();
    vendor.queueScenario({ latencyMs: 3_000 });
    const response = await chat(key, "acct-timeout");
    expect(response.status).toBe(504);
    const [event] = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!);
    expect(event).toMatchObject({ attempt: 1, outcome: "timeout", status: "failed", estimated: true, promptTokens, completionTokens: 0 });
    expect(await probe.settledTokens(policyId)).toBe(promptTokens);
  });

  it("charges the prompt and every delivered token of a stream the upstream broke", async () => {
    const { key, policyId } = await probe.meteredKey();
    const text = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
    vendor.queueScenario({ disconnectAfterEvents: 12, chunkDelayMs: 10, reply: { text, usage: { promptTokens: 9, completionTokens: 99 } } });
    const response = await chat(key, "acct-one", { stream: true });
    expect(response.status).toBe(200);
    const received = streamedContent(await response.text());
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(text.length);
    const [event] = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!);
    const completionTokens = await countTokens(received);
    expect(event).toMatchObject({ attempt: 1, served: true, outcome: "upstream_cut", status: "failed", estimated: true, promptTokens, completionTokens });
    expect(await probe.settledTokens(policyId)).toBe(promptTokens + completionTokens);
  });

  it("cuts a client that stops reading after the write idle time, and charges what was delivered", async () => {
    const { key, policyId } = await probe.meteredKey();
    // ~8 MB of answer: far more than the sockets between gateway and client can buffer.
    const word = "x".repeat(2_000);
    vendor.queueScenario({ reply: { text: Array.from({ length: 4_000 }, () => word).join(" "), usage: null } });
    const response = await chat(key, "acct-one", { stream: true });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read(); // then read nothing more, without closing
    const started = performance.now();
    const [event] = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(event).toMatchObject({ attempt: 1, served: true, outcome: "stopped_reading", status: "cancelled", estimated: true, promptTokens });
    expect(event!.completionTokens).toBeGreaterThan(0);
    expect(event!.completionTokens).toBeLessThan(4_000 * 2_000);
    expect(await probe.settledTokens(policyId)).toBe(event!.totalTokens);
    await reader.cancel().catch(() => undefined);
  });

  it("estimates a vendor usage figure that is not an integer, and still settles", async () => {
    const { key, policyId } = await probe.meteredKey();
    vendor.queueScenario({ reply: { text: "Hello from the mock upstream.", usage: { promptTokens: 12.5, completionTokens: 7 } } });
    const response = await chat(key, "acct-one");
    expect(response.status).toBe(200);
    const [event] = await probe.eventsOfRequest(key.keyId, response.headers.get("x-request-id")!);
    const completionTokens = await countTokens("Hello from the mock upstream.");
    expect(event).toMatchObject({ outcome: "succeeded", estimated: true, promptTokens, completionTokens, totalTokens: promptTokens + completionTokens });
    expect(await probe.settledTokens(policyId)).toBe(promptTokens + completionTokens);
  });

  it("reconciles a scripted mix of successes, failures, aborts, stalls and retries: events = quota counter = expected sums", async () => {
    const { key, policyId } = await probe.meteredKey();
    let expected = 0;
    let expectedEvents = 0;
    const requestIdOf = (response: Response) => response.headers.get("x-request-id")!;

    for (const [prompt, completion] of [[10, 5], [11, 6], [12, 7]] as const) {
      vendor.queueScenario({ reply: { usage: { promptTokens: prompt, completionTokens: completion } } });
      expect((await chat(key, "acct-one")).status).toBe(200);
      expected += prompt + completion;
      expectedEvents += 1;
    }
    for (let index = 0; index < 2; index += 1) {
      vendor.queueScenario({ error: { status: 503, message: "overloaded" } });
      second.queueScenario({ reply: { usage: { promptTokens: 20, completionTokens: 5 } } });
      expect((await chat(key, "acct-two")).status).toBe(200);
      expected += 25;
      expectedEvents += 2;
    }
    vendor.queueScenario({ latencyMs: 3_000 });
    second.queueScenario({ reply: { usage: { promptTokens: 20, completionTokens: 5 } } });
    const retriedAfterTimeout = await chat(key, "acct-timeout-two");
    expect(retriedAfterTimeout.status).toBe(200);
    expect(retriedAfterTimeout.headers.get("x-llmserve-attempt")).toBe("2");
    expected += promptTokens + 25;
    expectedEvents += 2;
    vendor.queueScenario({ error: { status: 400, message: "bad request" } });
    expect((await chat(key, "acct-one")).status).toBe(400);
    expectedEvents += 1;
    for (let index = 0; index < 2; index += 1) {
      vendor.queueScenario({ latencyMs: 10_000 });
      const before = vendor.requests.length;
      const abort = new AbortController();
      const pending = chat(key, "acct-one", {}, abort.signal).catch(() => undefined);
      await vendor.waitFor(() => vendor.requests.length > before, 20_000);
      abort.abort();
      await pending;
      expected += promptTokens;
      expectedEvents += 1;
    }
    for (let index = 0; index < 2; index += 1) {
      vendor.queueScenario({ disconnectAfterEvents: 6 + index, chunkDelayMs: 10, reply: { text: "one two three four five six seven eight nine ten", usage: { promptTokens: 1, completionTokens: 1 } } });
      const response = await chat(key, "acct-one", { stream: true });
      expected += promptTokens + (await countTokens(streamedContent(await response.text())));
      expectedEvents += 1;
    }
    vendor.queueScenario({ reply: { text: Array.from({ length: 4_000 }, () => "y".repeat(2_000)).join(" "), usage: null } });
    const stalled = await chat(key, "acct-one", { stream: true });
    const reader = stalled.body!.getReader();
    await reader.read();
    const [stall] = await probe.eventsOfRequest(key.keyId, requestIdOf(stalled));
    expect(stall).toMatchObject({ outcome: "stopped_reading", promptTokens });
    // What reached a socket that stopped draining is known only to the gateway: its event says it.
    expected += stall!.totalTokens;
    expectedEvents += 1;
    await reader.cancel().catch(() => undefined);

    const events = await waitFor(async () => {
      const all = await probe.eventsOf(key.keyId);
      return all.length >= expectedEvents ? all : undefined;
    }, { timeoutMs: 30_000, description: `${expectedEvents} events` });
    expect(events).toHaveLength(expectedEvents);
    const eventSum = events.reduce((sum, event) => sum + event.totalTokens, 0);
    expect(eventSum).toBe(expected);
    expect(await probe.settledTokens(policyId)).toBe(expected);
  }, 180_000);
});
