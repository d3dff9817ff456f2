import { randomUUID } from "node:crypto";
import { NacosClient, createLogger, type AppError } from "@llm-serve/common";
import { NacosResolver, createServiceClient, type ServiceClient } from "@llm-serve/grpc";
import { gatewayInferenceV1 } from "@llm-serve/proto";
import { INFRA, startOpenAIMock, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountingProbe } from "./accounting-harness.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const MODEL = "once-chat";
type Inference = ServiceClient<typeof gatewayInferenceV1.GatewayInferenceServiceService>;

/**
 * ADR 0034 on the real platform: GatewayInference calls named by a call_id reach the vendor once;
 * a repeat (unary or streamed) gets the kept answer and no new usage event; a repeat while the
 * first streams waits for it; the id is scoped to the key; another request under the id is refused.
 */
describe("named model calls over GatewayInference are made once", () => {
  let platform: Platform;
  let vendor: OpenAIMock;
  let inference: Inference;
  let probe: AccountingProbe;
  const closers: Array<() => unknown> = [];
  const logger = createLogger({ service: "test", version: "test", level: "warn" });
  const chatCalls = () => vendor.requests.filter((request) => request.path === "/v1/chat/completions").length;
  const principalOf = (key: IssuedKey) => JSON.stringify({ keyId: key.keyId, projectId: key.projectId, orgId: "", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] });
  const wire = (key: IssuedKey, callId: string, content = "Weather?") => ({ principalJson: principalOf(key), requestJson: JSON.stringify({ model: MODEL, messages: [{ role: "user", content }] }), endpoint: "chat.completions", callId });
  const unary = async (key: IssuedKey, callId: string, requestId: string, content?: string) => JSON.parse((await inference.chatCompletion(wire(key, callId, content), { requestId, deadlineMs: 60_000 })).responseJson) as { choices: Array<{ message: { content: string } }> };
  const stream = async (key: IssuedKey, callId: string, requestId: string) => {
    const chunks: Array<{ choices: Array<{ delta: { content?: string } }>; usage?: unknown }> = [];
    for await (const message of inference.streamChatCompletion(wire(key, callId), { requestId, deadlineMs: 60_000 })) {
      expect(message.errorJson).toBe("");
      chunks.push(JSON.parse(message.chunkJson) as (typeof chunks)[number]);
    }
    return chunks;
  };
  /** Every usage event of the key once a marker call's event is in the outbox (it is taken last). */
  const settledEvents = async (key: IssuedKey) => {
    vendor.queueScenario({ reply: { text: "marker" } });
    const marker = `marker-${randomUUID()}`;
    await unary(key, "", marker);
    await probe.eventsOfRequest(key.keyId, marker);
    return (await probe.eventsOf(key.keyId)).filter((event) => event.requestId !== marker);
  };

  beforeAll(async () => {
    vendor = await startOpenAIMock({ apiKey: "sk-vendor-once" });
    platform = await startPlatform();
    const response = await fetch(`${platform.gateway.url}/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({
        id: MODEL,
        price_plan_id: "plan-standard",
        capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
        deployments: [{ id: "vendor", provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: "sk-vendor-once" }, upstream_model: "gpt-4o" }],
      }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "gateway", group: platform.isolation, logger, refreshMs: 500 });
    inference = createServiceClient(gatewayInferenceV1.GatewayInferenceServiceService, { service: "gateway", resolver, logger, deadlineMs: 60_000 });
    probe = new AccountingProbe(platform);
    closers.push(() => inference.close(), () => resolver.close(), () => probe.close());
  }, 180_000);

  afterAll(async () => {
    for (const close of closers) await close();
    await platform?.stop();
    await vendor?.close();
  });

  it("unary: a repeat gets the kept answer without a vendor call or a new event; the id is the key's own; another request is refused", async () => {
    const [key, other] = [await platform.createKey(), await platform.createKey()];
    vendor.queueScenario({ reply: { text: "first answer" } }, { reply: { text: "other key's answer" } });
    const before = chatCalls();
    const first = await unary(key, "run_a/step-1", "first-call");
    const repeat = await unary(key, "run_a/step-1", "repeat-call");
    expect(repeat).toEqual(first);
    expect(first.choices[0]!.message.content).toBe("first answer");
    expect(chatCalls()).toBe(before + 1);
    // Another key (another project) with the same id: its own call, never the first key's answer.
    expect((await unary(other, "run_a/step-1", "other-call")).choices[0]!.message.content).toBe("other key's answer");
    expect(chatCalls()).toBe(before + 2);
    const refused = await unary(key, "run_a/step-1", "changed-call", "Another question").then(() => undefined, (error: unknown) => error as AppError);
    expect(refused?.code).toBe("invalid_request");
    expect(chatCalls()).toBe(before + 2);
    const events = await settledEvents(key);
    expect(events.map((event) => event.requestId)).toEqual(["first-call"]);
  });

  it("stream: kept as a completion; a repeat in flight waits for it, a streamed repeat gets one chunk set; one vendor call, one event", async () => {
    const key = await platform.createKey();
    vendor.queueScenario({ chunkDelayMs: 150, reply: { text: "One two three four five six." } });
    const before = chatCalls();
    const streaming = stream(key, "run_b/step-1", "streamed-call");
    // Issued while the first still streams: it must not start a second vendor call beside it.
    await waitFor(() => chatCalls() > before, { timeoutMs: 30_000, description: "the first call at the vendor" });
    const waiting = unary(key, "run_b/step-1", "waiting-call");
    const chunks = await streaming;
    const streamedText = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(streamedText).toBe("One two three four five six.");
    expect(chunks.length).toBeGreaterThan(3);
    expect((await waiting).choices[0]!.message.content).toBe(streamedText);
    const replayed = await stream(key, "run_b/step-1", "replayed-call");
    expect(replayed).toHaveLength(2);
    expect(replayed[0]!.choices[0]!.delta.content).toBe(streamedText);
    expect(replayed[1]!.usage).toEqual(chunks.at(-1)!.usage);
    expect(chatCalls()).toBe(before + 1);
    const events = await settledEvents(key);
    expect(events.map((event) => event.requestId)).toEqual(["streamed-call"]);
  });
});
