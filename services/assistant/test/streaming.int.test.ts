import OpenAI from "openai";
import { waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccountingProbe } from "../../gateway/test/accounting-harness.js";
import { startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

/** Twelve words: the mock streams one per chunk, CHUNK_DELAY_MS apart, so the upstream stays open ~4 s. */
const LONG_TEXT = "One two three four five six seven eight nine ten eleven twelve.";
const CHUNK_DELAY_MS = 350;

/**
 * ADR 0029: a streamed run or response reaches the client as the model writes it (gRPC server
 * streaming from the gateway's inference RPC through the assistant service to the gateway's SSE),
 * and a client that goes away cancels the upstream call, which is still charged once.
 */
describe("assistant streaming is incremental", () => {
  let tools: ToolPlatform | undefined;
  let harness: AssistantPlatform;
  let vendor: OpenAIMock;
  let client: OpenAI;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor, client } = tools);
  });

  beforeEach(() => vendor.resetScenario());

  afterAll(async () => {
    await tools?.stop();
  });

  it("runs.stream: the first thread.message.delta arrives while the upstream is still sending", async () => {
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Count." }] });
    vendor.queueScenario({ chunkDelayMs: CHUNK_DELAY_MS, reply: { text: LONG_TEXT } });
    const started = performance.now();
    let firstDeltaAt: number | undefined;
    let completedAt: number | undefined;
    const deltas: string[] = [];
    for await (const event of client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id })) {
      if (event.event === "thread.message.delta") {
        firstDeltaAt ??= performance.now() - started;
        const part = event.data.delta.content?.[0];
        if (part?.type === "text") deltas.push(part.text?.value ?? "");
      }
      if (event.event === "thread.run.completed") completedAt = performance.now() - started;
    }
    expect(deltas.join("")).toBe(LONG_TEXT);
    expect(deltas.length).toBeGreaterThan(5);
    // The upstream takes ≥ 11 × 350 ms after its first word: the first delta must come long before the end.
    expect(completedAt! - firstDeltaAt!).toBeGreaterThan(2_500);
    const messages = await client.beta.threads.messages.list(thread.id, { order: "asc" });
    expect(messages.data.at(-1)!.content[0]).toMatchObject({ type: "text", text: { value: LONG_TEXT } });
  });

  it("responses.create streamed: response.output_text.delta arrives while the upstream is still sending", async () => {
    vendor.queueScenario({ chunkDelayMs: CHUNK_DELAY_MS, reply: { text: LONG_TEXT } });
    const started = performance.now();
    let firstDeltaAt: number | undefined;
    let completed: OpenAI.Responses.Response | undefined;
    let completedAt: number | undefined;
    const deltas: string[] = [];
    for await (const event of await client.responses.create({ model: "gpt-tools", input: "Count.", stream: true })) {
      if (event.type === "response.output_text.delta") {
        firstDeltaAt ??= performance.now() - started;
        deltas.push(event.delta);
      }
      if (event.type === "response.completed") {
        completed = event.response;
        completedAt = performance.now() - started;
      }
    }
    expect(deltas.join("")).toBe(LONG_TEXT);
    expect(completedAt! - firstDeltaAt!).toBeGreaterThan(2_500);
    // The stored response is the one streamed (same item id).
    const stored = await client.responses.retrieve(completed!.id);
    expect(stored.output_text).toBe(LONG_TEXT);
    expect(stored.output[0]!.id).toBe(completed!.output[0]!.id);
  });

  it("a client that goes away mid-run cancels the upstream call, charged by one usage event; the run ends cancelled", async () => {
    const { client: metered, key } = await harness.client();
    const probe = new AccountingProbe(harness.platform);
    try {
      const assistant = await metered.beta.assistants.create({ model: "gpt-tools" });
      const thread = await metered.beta.threads.create({ messages: [{ role: "user", content: "Count slowly." }] });
      // Forty words 500 ms apart: 20 s of upstream if nobody cut it.
      const words = Array.from({ length: 40 }, (_, index) => `word${index}`).join(" ");
      vendor.queueScenario({ chunkDelayMs: 500, reply: { text: words } });
      const before = vendor.requests.length;
      const stream = metered.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
      let runId: string | undefined;
      const started = performance.now();
      for await (const event of stream) {
        if (event.event === "thread.run.created") runId = event.data.id;
        if (event.event === "thread.message.delta") break;
      }
      stream.abort();
      // The vendor sees its request closed by the gateway, long before its 20 s of words.
      await waitFor(() => vendor.requests[before]?.closedByClient === true, { timeoutMs: 15_000 });
      expect(performance.now() - started).toBeLessThan(15_000);
      const run = await waitFor(async () => {
        const current = await metered.beta.threads.runs.retrieve(runId!, { thread_id: thread.id });
        return current.status === "cancelled" ? current : undefined;
      }, { timeoutMs: 30_000 });
      expect(run.cancelled_at).not.toBeNull();
      const events = await waitFor(async () => {
        const recorded = await probe.eventsOf(key.keyId);
        return recorded.length >= 1 ? recorded : undefined;
      }, { timeoutMs: 30_000 });
      // Give a second event (a double charge) the time to appear, then check there is exactly one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const settled = await probe.eventsOf(key.keyId);
      expect(settled).toHaveLength(1);
      expect(events[0]).toMatchObject({ outcome: "client_abort", served: true });
      // The prompt plus what was delivered before the cut: more than nothing, less than the 40 words.
      expect(events[0]!.completionTokens).toBeGreaterThan(0);
      expect(events[0]!.completionTokens).toBeLessThan(40);
      expect(events[0]!.promptTokens).toBeGreaterThan(0);
    } finally {
      await probe.close();
    }
  });
});
