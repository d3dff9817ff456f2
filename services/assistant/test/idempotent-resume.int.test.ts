import OpenAI from "openai";
import { createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, spawnService, waitFor, type OpenAIMock, type ServiceProcess } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAssistant } from "../src/app.js";
import { startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "The weather of a city", parameters: { type: "object", properties: { city: { type: "string" } } } } };

/**
 * ADR 0034: an assistant instance SIGKILLed after the gateway answered a run step's model call and
 * before the step was saved. The resumed run asks again under the same call id and gets the kept
 * answer: the vendor is called once per step, and one usage event per step reaches Kafka's
 * consumers (analytics, which keeps one row per event id) — the replay re-states the same event.
 */
describe("a run resumed after a kill between its model call and the step save", () => {
  let tools: ToolPlatform | undefined;
  let harness: AssistantPlatform;
  let vendor: OpenAIMock;
  let assistantDb: Knex;
  let analyticsDb: Knex;
  let gatewayDb: Knex;
  let child: ServiceProcess | undefined;
  const env = () => ({ ...harness.platform.env, DATABASE_SCHEMA: `as_${harness.platform.isolation}` });
  const chatCalls = () => vendor.requests.filter((request) => request.path === "/v1/chat/completions").length;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor } = tools);
    assistantDb = createDatabase({ url: INFRA.databaseUrl, schema: `as_${harness.platform.isolation}`, poolMax: 2 });
    analyticsDb = createDatabase({ url: INFRA.databaseUrl, schema: `an_${harness.platform.isolation}`, poolMax: 1 });
    gatewayDb = createDatabase({ url: INFRA.databaseUrl, schema: `gw_${harness.platform.isolation}`, poolMax: 1 });
    // The assistant as its own OS process, the only instance: a SIGKILL is a real crash.
    await harness.assistant.stop();
    child = await spawnService("assistant", env(), 60_000);
  }, 180_000);

  afterAll(async () => {
    await child?.stop("SIGKILL");
    await Promise.all([assistantDb?.destroy(), analyticsDb?.destroy(), gatewayDb?.destroy()]);
    await tools?.stop();
  });

  it("calls the vendor once per step and records one usage event per step; the run completes", async () => {
    const { client, key } = await harness.client();
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    vendor.queueScenario(
      { reply: { toolCalls: [{ id: "call_w", name: "get_weather", arguments: '{"city":"Paris"}' }], usage: { promptTokens: 30, completionTokens: 5 } } },
      { reply: { text: "Rain in Paris.", usage: { promptTokens: 40, completionTokens: 9 } } },
    );
    const before = chatCalls();
    // Step 1 (a tool call), not streamed, saved normally.
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Weather?" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");

    // Step 2 is watched (a streamed model call); its message insert waits on a lock the test holds.
    const lock = await assistantDb.transaction();
    await lock.raw(`LOCK TABLE "as_${harness.platform.isolation}".messages IN SHARE MODE`);
    const watching = (async () => {
      const stream = client.beta.threads.runs.submitToolOutputsStream(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_w", output: "rain" }] });
      for await (const _event of stream) void _event;
    })().catch(() => undefined);
    const blocked = await waitFor(async () => {
      const rows = (await assistantDb.raw("SELECT pid FROM pg_locks WHERE relation = to_regclass(?) AND NOT granted", [`as_${harness.platform.isolation}.messages`])) as { rows: Array<{ pid: number }> };
      return rows.rows.length > 0 ? rows.rows.map((row) => row.pid) : undefined;
    }, { timeoutMs: 60_000, description: "the step's write waiting on the lock" });
    expect(chatCalls()).toBe(before + 2);

    // The crash: the process dies, its connection's transaction is rolled back, the lock is freed.
    await child!.stop("SIGKILL");
    child = undefined;
    await watching;
    for (const pid of blocked) await assistantDb.raw("SELECT pg_terminate_backend(?)", [pid]);
    await lock.rollback();
    const stranded = (await harness.runRows(waiting.id))[0]?.body as { status: string };
    expect(stranded.status).toBe("in_progress");
    // The dead instance's lease runs out (6 min; here at once), and a new instance sweeps at start.
    await assistantDb("runs").where({ id: waiting.id }).update({ lease_until: new Date(Date.now() - 1_000) });
    harness.assistant = await startAssistant(env());

    const run = await waitFor(async () => {
      const body = (await harness.runRows(waiting.id))[0]?.body as { status: string; usage: unknown; last_error: unknown } | undefined;
      return body && !["queued", "in_progress"].includes(body.status) ? body : undefined;
    }, { timeoutMs: 60_000, description: "the resumed run ended" });
    // Exactly one vendor call per step: the resumed step was answered from the gateway's store.
    expect(chatCalls()).toBe(before + 2);
    expect(run.last_error).toBeNull();
    expect(run.status).toBe("completed");
    expect(run.usage).toEqual({ prompt_tokens: 70, completion_tokens: 14, total_tokens: 84 });
    const texts = (await assistantDb("messages").where({ thread_id: waiting.thread_id }).orderBy("seq").select("body")) as Array<{ body: { role: string; content: Array<{ text: { value: string } }> } }>;
    expect(texts.map((row) => `${row.body.role}: ${row.body.content[0]?.text.value ?? ""}`)).toEqual(["user: Weather?", "assistant: Rain in Paris."]);

    // A marker request of the same key: once analytics holds its event, it holds every earlier one.
    vendor.queueScenario({ reply: { text: "marker" } });
    const marker = await fetch(`${harness.platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-tools", messages: [{ role: "user", content: "marker" }] }),
    });
    expect(marker.status).toBe(200);
    const markerId = marker.headers.get("x-request-id") ?? "";
    const consumed = await waitFor(async () => {
      const rows = (await analyticsDb("usage_events").where({ key_id: key.keyId }).select("event_id", "request_id", "prompt_tokens", "completion_tokens")) as Array<{ event_id: string; request_id: string; prompt_tokens: string; completion_tokens: string }>;
      return rows.some((row) => row.request_id === markerId) ? rows.filter((row) => row.request_id !== markerId) : undefined;
    }, { timeoutMs: 60_000, description: "the marker's usage event in analytics" });
    // One event per step (by event id: analytics keeps one row per id), none from a second call.
    expect(consumed.map((row) => [Number(row.prompt_tokens), Number(row.completion_tokens)]).sort()).toEqual([[30, 5], [40, 9]]);
    expect(consumed.some((row) => row.request_id.startsWith("resume-"))).toBe(false);
    // The gateway's outbox too: the replay re-stated the kept event under its id (skipped), no new one.
    const outbox = ((await gatewayDb("outbox").where("topic", "like", "%usage.recorded%").select("event_id", "payload")) as Array<{ event_id: string; payload: string }>)
      .filter((row) => (JSON.parse(row.payload) as { keyId: string; requestId: string }).keyId === key.keyId && (JSON.parse(row.payload) as { requestId: string }).requestId !== markerId);
    expect(outbox.map((row) => row.event_id).sort()).toEqual(consumed.map((row) => row.event_id).sort());
  });
});
