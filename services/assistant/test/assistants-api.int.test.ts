import OpenAI from "openai";
import { waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AccountingProbe } from "../../gateway/test/accounting-harness.js";
import { expectConforms, startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

const DEMO = "llmserve-demo";
const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "The weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

/** Issue #18: the Assistants v2 API through the gateway, answered by the assistant service, seen by the official client. */
describe("the Assistants API through the official openai client", () => {
  let harness: AssistantPlatform;
  let client: OpenAI;
  let other: OpenAI;
  let vendor: OpenAIMock;

  let tools: ToolPlatform | undefined;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor, client, other } = tools);
  });

  // A test that failed half-way must not leave its queued replies to the next.
  beforeEach(() => vendor.resetScenario());

  afterAll(async () => {
    await tools?.stop();
  });

  it("creates, reads, updates, lists (paged both ways) and deletes assistants, in OpenAI's shapes", async () => {
    const created = [];
    for (let index = 0; index < 3; index += 1) created.push(await client.beta.assistants.create({ model: DEMO, name: `helper ${index}`, tools: [WEATHER_TOOL] }));
    expectConforms("AssistantObject", created[0]);
    const updated = await client.beta.assistants.update(created[0]!.id, { name: "renamed", metadata: { team: "a" } });
    expect(updated).toMatchObject({ id: created[0]!.id, name: "renamed", metadata: { team: "a" }, model: DEMO });
    expect(await client.beta.assistants.retrieve(created[0]!.id)).toEqual(updated);

    const firstPage = await client.beta.assistants.list({ limit: 2, order: "asc" });
    expect(firstPage.data.map((assistant) => assistant.id)).toEqual([created[0]!.id, created[1]!.id]);
    expect(firstPage.hasNextPage()).toBe(true);
    const all = [];
    for await (const assistant of client.beta.assistants.list({ limit: 2, order: "asc" })) all.push(assistant.id);
    expect(all).toEqual(created.map((assistant) => assistant.id));
    const before = await client.beta.assistants.list({ before: created[2]!.id, order: "asc" });
    expect(before.data.map((assistant) => assistant.id)).toEqual([created[0]!.id, created[1]!.id]);
    const raw = await client.beta.assistants.list({ limit: 1 }).asResponse().then((response) => response.json());
    expectConforms("ListAssistantsResponse", raw);
    expect((raw as { data: Array<{ id: string }> }).data[0]!.id).toBe(created[2]!.id);

    const deleted = await client.beta.assistants.delete(created[1]!.id);
    expectConforms("DeleteAssistantResponse", deleted);
    await expect(client.beta.assistants.retrieve(created[1]!.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("refuses an assistant without a model or with an invalid tool config, OpenAI-shaped", async () => {
    await expect(client.beta.assistants.create({ model: "" })).rejects.toMatchObject({ status: 400, error: { type: "invalid_request_error", param: "model" } });
    const badTool = { type: "function", function: { name: "has spaces" } } as unknown as typeof WEATHER_TOOL;
    await expect(client.beta.assistants.create({ model: DEMO, tools: [badTool] })).rejects.toMatchObject({ status: 400, error: { param: "tools.0.function.name" } });
  });

  it("pages a thread's messages with limit, order, after and before", async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "one" }] });
    expectConforms("ThreadObject", thread);
    for (const content of ["two", "three", "four"]) await client.beta.threads.messages.create(thread.id, { role: "user", content });
    const texts = (messages: OpenAI.Beta.Threads.Message[]) => messages.map((message) => (message.content[0] as OpenAI.Beta.Threads.TextContentBlock).text.value);
    const newest = await client.beta.threads.messages.list(thread.id, { limit: 2 });
    expect(texts(newest.data)).toEqual(["four", "three"]);
    const next = await newest.getNextPage();
    expect(texts(next.data)).toEqual(["two", "one"]);
    expect(next.hasNextPage()).toBe(false);
    const after = await client.beta.threads.messages.list(thread.id, { order: "asc", after: newest.data[1]!.id });
    expect(texts(after.data)).toEqual(["four"]);
    const raw = await client.beta.threads.messages.list(thread.id).asResponse().then((response) => response.json());
    expectConforms("ListMessagesResponse", raw);
    for (const message of (raw as { data: unknown[] }).data) expectConforms("MessageObject", message);
    const first = newest.data[0]!;
    expect(await client.beta.threads.messages.update(first.id, { thread_id: thread.id, metadata: { seen: "yes" } })).toMatchObject({ metadata: { seen: "yes" } });
    expectConforms("DeleteMessageResponse", await client.beta.threads.messages.delete(first.id, { thread_id: thread.id }));
    expectConforms("DeleteThreadResponse", await client.beta.threads.delete(thread.id));
    await expect(client.beta.threads.retrieve(thread.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("creates a thread and runs it to an assistant message (createAndRunPoll)", async () => {
    const assistant = await client.beta.assistants.create({ model: DEMO, instructions: "Be brief." });
    const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hello?" }] } }, { pollIntervalMs: 100 });
    expect(run.status).toBe("completed");
    expectConforms("RunObject", run);
    expect(run.usage?.total_tokens).toBeGreaterThan(0);
    const messages = await client.beta.threads.messages.list(run.thread_id, { order: "asc" });
    expect(messages.data.map((message) => message.role)).toEqual(["user", "assistant"]);
    expect(messages.data[1]).toMatchObject({ run_id: run.id, assistant_id: assistant.id, status: "completed" });
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: run.thread_id });
    expect(steps.data).toHaveLength(1);
    expectConforms("RunStepObject", steps.data[0]);
    expect(await client.beta.threads.runs.steps.retrieve(steps.data[0]!.id, { thread_id: run.thread_id, run_id: run.id })).toEqual(steps.data[0]);
    expectConforms("ListRunsResponse", await client.beta.threads.runs.list(run.thread_id).asResponse().then((response) => response.json()));
  });

  it("streams a run through a function-tool round trip (requires_action → submit_tool_outputs → completed)", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ id: "call_weather", name: "get_weather", arguments: '{"city":"Paris"}' }] } }, { reply: { text: "It is sunny in Paris." } });
    const before = vendor.requests.length;
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Weather in Paris?" }] });
    const events: string[] = [];
    const stepDeltas: unknown[] = [];
    let argumentsSoFar: string | undefined;
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    stream.on("event", (event) => {
      events.push(event.event);
      // A copy: the SDK accumulates later deltas into the objects it handed out.
      if (event.event === "thread.run.step.delta") stepDeltas.push(structuredClone(event.data));
    });
    // The SDK's own reading of the step deltas: the call's arguments as they accumulate.
    stream.on("toolCallDelta", (_delta, snapshot) => {
      if (snapshot.type === "function") argumentsSoFar = snapshot.function.arguments;
    });
    await stream.done();
    const waiting = stream.currentRun();
    expect(waiting?.status).toBe("requires_action");
    expectConforms("RunObject", waiting);
    const call = waiting!.required_action!.submit_tool_outputs.tool_calls[0]!;
    expect(call).toMatchObject({ id: "call_weather", function: { name: "get_weather", arguments: '{"city":"Paris"}' } });
    // The mock streams the call's name, then its arguments 8 characters at a time: one step delta each.
    expect(events).toEqual(["thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.run.step.created", ...Array(3).fill("thread.run.step.delta"), "thread.run.requires_action"]);
    for (const delta of stepDeltas) expectConforms("RunStepDeltaObject", delta);
    expect(stepDeltas[0]).toMatchObject({ delta: { step_details: { type: "tool_calls", tool_calls: [{ index: 0, id: "call_weather", type: "function", function: { name: "get_weather", arguments: "" } }] } } });
    expect(argumentsSoFar).toBe('{"city":"Paris"}');

    const resumed = client.beta.threads.runs.submitToolOutputsStream(waiting!.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: call.id, output: "sunny, 24°C" }] });
    const resumedEvents: string[] = [];
    resumed.on("event", (event) => resumedEvents.push(event.event));
    const finalRun = await resumed.finalRun();
    expect(finalRun.status).toBe("completed");
    expect(resumedEvents).toEqual(expect.arrayContaining(["thread.message.created", "thread.message.delta", "thread.message.completed", "thread.run.completed"]));
    const finalMessages = await resumed.finalMessages();
    expect((finalMessages[0]!.content[0] as OpenAI.Beta.Threads.TextContentBlock).text.value).toBe("It is sunny in Paris.");

    // Two model calls, the second carrying the call and its output as the vendor expects them.
    const calls = vendor.requests.slice(before).filter((request) => request.path.endsWith("/chat/completions"));
    expect(calls).toHaveLength(2);
    const secondBody = calls[1]!.body as { messages: Array<Record<string, unknown>>; tools: unknown[] };
    expect(secondBody.tools).toHaveLength(1);
    expect(secondBody.messages.slice(-2)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_weather", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
      { role: "tool", tool_call_id: "call_weather", content: "sunny, 24°C" },
    ]);
    const steps = await client.beta.threads.runs.steps.list(finalRun.id, { thread_id: thread.id, order: "asc" });
    expect(steps.data.map((step) => step.type)).toEqual(["tool_calls", "message_creation"]);
    // The step the deltas named is the step saved.
    expect(new Set(stepDeltas.map((delta) => (delta as { id: string }).id))).toEqual(new Set([steps.data[0]!.id]));
    for (const step of steps.data) expectConforms("RunStepObject", step);

    // The domain events, from the outbox: written with each change, without the customer's text.
    const ofThread = async (topic: string) => (await harness.outboxEvents(topic)).filter((event) => event.threadId === thread.id);
    expect(await ofThread("thread-created")).toMatchObject([{ threadId: thread.id, messageCount: 1 }]);
    expect((await ofThread("message-completed")).map((event) => event.role)).toEqual(["user", "assistant"]);
    expect(await ofThread("tool-call-completed")).toMatchObject([{ toolCallId: "call_weather", runId: finalRun.id, functionName: "get_weather" }]);
    const transitions = (await ofThread("run-status-changed")).map((event) => `${String(event.previousStatus ?? "")}>${String(event.status)}`);
    expect(transitions).toEqual([">queued", "queued>in_progress", "in_progress>requires_action", "requires_action>queued", "queued>in_progress", "in_progress>completed"]);
    expect(JSON.stringify(await ofThread("message-completed"))).not.toContain("Paris");
  });

  it("records one usage event per model call of a run, under the caller's key, adding up to the run's usage", async () => {
    const { client: metered, key } = await harness.client();
    const probe = new AccountingProbe(harness.platform);
    try {
      vendor.queueScenario({ reply: { toolCalls: [{ id: "call_1", name: "get_weather", arguments: "{}" }], usage: { promptTokens: 30, completionTokens: 5 } } }, { reply: { text: "Done.", usage: { promptTokens: 40, completionTokens: 9 } } });
      const assistant = await metered.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
      const waiting = await metered.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Weather?" }] } }, { pollIntervalMs: 100 });
      expect(waiting.status).toBe("requires_action");
      const run = await metered.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_1", output: "rain" }] }, { pollIntervalMs: 100 });
      expect(run.status).toBe("completed");
      expect(run.usage).toEqual({ prompt_tokens: 70, completion_tokens: 14, total_tokens: 84 });
      const events = await waitFor(async () => {
        const recorded = await probe.eventsOf(key.keyId);
        return recorded.length >= 2 ? recorded : undefined;
      }, { timeoutMs: 30_000 });
      expect(events.map((event) => [event.promptTokens, event.completionTokens, event.outcome])).toEqual([[30, 5, "succeeded"], [40, 9, "succeeded"]]);
    } finally {
      await probe.close();
    }
  });

  it("keeps the last messages of a truncation_strategy, and cancels a run waiting for tool outputs", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ id: "call_c", name: "get_weather", arguments: "{}" }] } });
    const before = vendor.requests.length;
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    const thread = await client.beta.threads.create({ messages: ["first", "second", "third"].map((content) => ({ role: "user" as const, content })) });
    const waiting = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id, truncation_strategy: { type: "last_messages", last_messages: 2 } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    expect(waiting.truncation_strategy).toEqual({ type: "last_messages", last_messages: 2 });
    const sent = vendor.requests.slice(before).find((request) => request.path.endsWith("/chat/completions"))!.body as { messages: Array<{ content: string }> };
    expect(sent.messages.map((message) => message.content)).toEqual(["second", "third"]);

    const cancelled = await client.beta.threads.runs.cancel(waiting.id, { thread_id: thread.id });
    expect(cancelled).toMatchObject({ status: "cancelled", required_action: null, expires_at: null });
    expectConforms("RunObject", cancelled);
    await expect(client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: "call_c", output: "x" }] })).rejects.toMatchObject({ status: 400 });
    await expect(client.beta.threads.runs.cancel(waiting.id, { thread_id: thread.id })).rejects.toMatchObject({ status: 400 });
  });

  it("expires a run that waited for tool outputs past its expires_at", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ id: "call_e", name: "get_weather", arguments: "{}" }] } });
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    expect(waiting.expires_at).toBeGreaterThan(Date.now() / 1000);
    // Ten minutes later, as far as the run knows.
    await harness.sql(`UPDATE runs SET body = jsonb_set(body, '{expires_at}', to_jsonb(?::bigint)) WHERE id = ?`, [Math.floor(Date.now() / 1000) - 1, waiting.id]);
    const expired = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: waiting.thread_id });
    expect(expired).toMatchObject({ status: "expired", required_action: null, expires_at: null });
    await expect(client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_e", output: "x" }] })).rejects.toMatchObject({ status: 400 });
  });

  it("ends a run whose upstream fails as failed, with last_error", async () => {
    vendor.setScenario({ error: { status: 500, message: "vendor exploded" } });
    try {
      const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
      const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } }, { pollIntervalMs: 100 });
      expect(run.status).toBe("failed");
      expect(run.last_error).toMatchObject({ code: "server_error" });
      expect(run.last_error!.message.length).toBeGreaterThan(0);
      expectConforms("RunObject", run);
    } finally {
      vendor.resetScenario();
    }
  });

  it("answers 404 for another project's assistant, thread and run", async () => {
    const assistant = await client.beta.assistants.create({ model: DEMO });
    const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id }, { pollIntervalMs: 100 });
    await expect(other.beta.assistants.retrieve(assistant.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.beta.assistants.delete(assistant.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.beta.threads.retrieve(run.thread_id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.beta.threads.runs.retrieve(run.id, { thread_id: run.thread_id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.beta.threads.createAndRun({ assistant_id: assistant.id })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect((await other.beta.assistants.list()).data).toEqual([]);
    // The owner still sees it.
    expect((await client.beta.assistants.retrieve(assistant.id)).id).toBe(assistant.id);
  });

  it("serves the seed's shorthands: POST /v1/threads with stream, POST /v1/messages, as SSE updates", async () => {
    const { client: owner, key } = await harness.client();
    const assistant = await owner.beta.assistants.create({ model: DEMO });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${harness.platform.gateway.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json", "openai-beta": "assistants=v2" },
        body: JSON.stringify(body),
      });
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      const frames = (await response.text()).split("\n\n").filter((frame) => frame.trim() !== "");
      return frames.map((frame) => frame.split("\n").find((line) => line.startsWith("data: "))!.slice(6)).filter((data) => data !== "[DONE]").map((data) => JSON.parse(data) as Record<string, any>);
    };
    const threadUpdates = await post("/v1/threads", { assistant_id: assistant.id, stream: true, messages: [{ role: "user", content: "Hi" }] });
    expect(threadUpdates.map((update) => update.status)).toEqual(["created", "active", "completed"]);
    const threadId = String(threadUpdates[0]!.thread_id);
    expect(threadUpdates[2]!.messages.map((message: { role: string }) => message.role)).toEqual(["user", "assistant"]);

    const messageUpdates = await post("/v1/messages", { thread_id: threadId, assistant_id: assistant.id, content: "And again?" });
    // The assistant's message: created (empty), one update per text delta as the model streams it, completed.
    const statuses = messageUpdates.map((update) => `${update.role}:${update.status}`);
    expect([...new Set(statuses)]).toEqual(["user:completed", "assistant:in_progress", "assistant:completed"]);
    expect(messageUpdates[0]!.content).toBe("And again?");
    const completed = messageUpdates.at(-1)!;
    expect(completed.content.length).toBeGreaterThan(0);
    expect(messageUpdates.filter((update) => update.status === "in_progress").map((update) => update.content).join("")).toBe(completed.content);
    expect((await owner.beta.threads.messages.list(threadId)).data).toHaveLength(4);
  });

  it("requires OpenAI-Beta: assistants=v2, as OpenAI does", async () => {
    const { key } = await harness.client();
    const response = await fetch(`${harness.platform.gateway.url}/v1/assistants`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_beta" } });
  });

  it("resumes, on another instance, a run that was in a model call when its instance stopped", async () => {
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Hi" }] });
    // The first model call hangs past the stop; the next one (the resumed run's) answers at once.
    vendor.queueScenario({ latencyMs: 30_000, reply: { text: "too late" } }, { reply: { text: "resumed answer" } });
    const before = vendor.requests.length;
    const queued = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    expect(queued.status).toBe("queued");
    await waitFor(() => vendor.requests.length > before, { timeoutMs: 30_000 });
    await harness.restartAssistant();
    const run = await waitFor(async () => {
      const current = await client.beta.threads.runs.retrieve(queued.id, { thread_id: thread.id });
      return ["queued", "in_progress"].includes(current.status) ? undefined : current;
    }, { timeoutMs: 60_000 });
    expect(run.status).toBe("completed");
    const messages = await client.beta.threads.messages.list(thread.id);
    expect((messages.data[0]!.content[0] as OpenAI.Beta.Threads.TextContentBlock).text.value).toBe("resumed answer");
  });
});
