import OpenAI from "openai";
import { countTokens } from "@llm-serve/adapters";
import { waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectConforms, startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "The weather in a city", parameters: { type: "object", properties: { city: { type: "string" } } } } };

/**
 * ADR 0024, "Not done" 5: run behaviours written but untested until now — expiry by the background
 * sweep, cancelling a run during its model call, and `auto` truncation by `max_prompt_tokens`.
 */
describe("a run's lifecycle through the official openai client", () => {
  let tools: ToolPlatform | undefined;
  let harness: AssistantPlatform;
  let client: OpenAI;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor, client } = tools);
  });

  beforeEach(() => vendor.resetScenario());

  afterAll(async () => {
    await tools?.stop();
  });

  const chatBodies = (from: number) => vendor.requests.slice(from).filter((request) => request.path.endsWith("/chat/completions")).map((request) => request.body as { messages: Array<{ role: string; content: string | null }> });

  /** This run's status changes as its run-status-changed events tell them, oldest first. */
  async function statusChanges(runId: string): Promise<string[]> {
    const events = await harness.outboxEvents("run-status-changed");
    return events.filter((event) => event.runId === runId).map((event) => `${String(event.previousStatus ?? "")}->${String(event.status)}`);
  }

  it("expires, by the background sweep, a run that waited for tool outputs past its expires_at, without anyone reading it", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ id: "call_s", name: "get_weather", arguments: "{}" }] } });
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    // Ten minutes later, as far as the run knows.
    await harness.sql(`UPDATE runs SET body = jsonb_set(body, '{expires_at}', to_jsonb(?::bigint)) WHERE id = ?`, [Math.floor(Date.now() / 1000) - 1, waiting.id]);

    // The sweep every instance runs on an interval (here: now), not a read, expires it.
    await harness.assistant.resumeAbandonedRuns();
    const [row] = await harness.runRows(waiting.id);
    expect(row?.status).toBe("expired");
    expect(row?.body).toMatchObject({ status: "expired", required_action: null, expires_at: null });
    expect(await statusChanges(waiting.id)).toEqual(["->queued", "queued->in_progress", "in_progress->requires_action", "requires_action->expired"]);

    const expired = await client.beta.threads.runs.retrieve(waiting.id, { thread_id: waiting.thread_id });
    expect(expired).toMatchObject({ status: "expired", required_action: null, expires_at: null });
    expectConforms("RunObject", expired);
    await expect(client.beta.threads.runs.submitToolOutputs(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_s", output: "x" }] })).rejects.toMatchObject({ status: 400 });
    // No longer active: the thread takes a new run.
    vendor.queueScenario({ reply: { text: "Hello again." } });
    const next = await client.beta.threads.runs.createAndPoll(waiting.thread_id, { assistant_id: assistant.id }, { pollIntervalMs: 100 });
    expect(next.status).toBe("completed");
  });

  it("cancels a run during its model call: cancelling, then cancelled when the call returns, its answer dropped", async () => {
    vendor.queueScenario({ latencyMs: 8_000, reply: { text: "Too late.", usage: { promptTokens: 12, completionTokens: 3 } } });
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const before = vendor.requests.length;
    const queued = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Tell me a story." }] } });
    await waitFor(() => chatBodies(before).length > 0, { timeoutMs: 60_000, description: "the run's model call reached the vendor" });

    const cancelling = await client.beta.threads.runs.cancel(queued.id, { thread_id: queued.thread_id });
    expect(cancelling).toMatchObject({ id: queued.id, status: "cancelling", cancelled_at: null });
    expectConforms("RunObject", cancelling);

    const ended = await waitFor(async () => {
      const run = await client.beta.threads.runs.retrieve(queued.id, { thread_id: queued.thread_id });
      return run.status === "cancelling" ? undefined : run;
    }, { timeoutMs: 60_000, description: "the cancelling run ended" });
    expect(ended).toMatchObject({ status: "cancelled", required_action: null, expires_at: null, completed_at: null, failed_at: null, last_error: null });
    expect(ended.cancelled_at).toBeGreaterThanOrEqual(queued.created_at);
    expectConforms("RunObject", ended);
    // The call was made and charged: the run's usage is its cost; its answer is not the thread's.
    expect(ended.usage).toEqual({ prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 });
    const messages = await client.beta.threads.messages.list(queued.thread_id, { order: "asc" });
    expect(messages.data.map((message) => message.role)).toEqual(["user"]);
    const steps = await client.beta.threads.runs.steps.list(queued.id, { thread_id: queued.thread_id });
    expect(steps.data).toEqual([]);
    expect(await statusChanges(queued.id)).toEqual(["->queued", "queued->in_progress", "in_progress->cancelling", "cancelling->cancelled"]);
    expect(chatBodies(before)).toHaveLength(1);
    await expect(client.beta.threads.runs.cancel(queued.id, { thread_id: queued.thread_id })).rejects.toMatchObject({ status: 400 });
  });

  it("truncates `auto` by max_prompt_tokens: messages from the middle of the thread go until the prompt fits; the first, the newest and the instructions stay", async () => {
    // 100 one-letter words each: about 104 tokens with the message's overhead, so three exceed 256 and two fit.
    const words = (letter: string) => Array.from({ length: 100 }, () => letter).join(" ");
    const contents = ["a", "b", "c"].map(words);
    const fourContents = ["a", "b", "c", "d"].map(words);
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", instructions: "Be brief." });
    const thread = () => client.beta.threads.create({ messages: contents.map((content) => ({ role: "user" as const, content })) });

    vendor.queueScenario({ reply: { text: "Fits." } }, { reply: { text: "All of it." } }, { reply: { text: "Ends kept." } });
    const before = vendor.requests.length;
    const truncated = await client.beta.threads.runs.createAndPoll((await thread()).id, { assistant_id: assistant.id, max_prompt_tokens: 256 }, { pollIntervalMs: 100 });
    expect(truncated).toMatchObject({ status: "completed", max_prompt_tokens: 256, truncation_strategy: { type: "auto", last_messages: null } });
    expectConforms("RunObject", truncated);
    // Without max_prompt_tokens, `auto` keeps the whole thread (it fits the model's context).
    const whole = await client.beta.threads.runs.createAndPoll((await thread()).id, { assistant_id: assistant.id, truncation_strategy: { type: "auto" } }, { pollIntervalMs: 100 });
    expect(whole).toMatchObject({ status: "completed", max_prompt_tokens: null });
    // Four messages with room for two: the two in the middle go, oldest first.
    const four = await client.beta.threads.create({ messages: fourContents.map((content) => ({ role: "user" as const, content })) });
    const ends = await client.beta.threads.runs.createAndPoll(four.id, { assistant_id: assistant.id, max_prompt_tokens: 256 }, { pollIntervalMs: 100 });
    expect(ends.status).toBe("completed");

    const [short, full, kept] = chatBodies(before);
    expect(short?.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: contents[0] },
      { role: "user", content: contents[2] },
    ]);
    expect(full?.messages.map((message) => message.content)).toEqual(["Be brief.", ...contents]);
    expect(kept?.messages.map((message) => message.content)).toEqual(["Be brief.", fourContents[0], fourContents[3]]);
  });

  it("counts a Chinese prompt with the tokenizer: three messages of 150 characters exceed 256 tokens, though four characters a token would say 120", async () => {
    const sentence = "我们的平台把每一次调用都记录下来，并按项目统计用量和费用。";
    const contents = ["一", "二", "三"].map((mark) => `${mark}：${sentence.repeat(6)}`.slice(0, 150));
    const counted = await Promise.all(contents.map((content) => countTokens(content)));
    // The premise (3 tokens a message, "user" 1, the reply's priming 3): three exceed 256, two fit.
    const cost = (tokens: readonly number[]) => tokens.reduce((sum, count) => sum + count + 4, 3);
    expect(cost(counted)).toBeGreaterThan(256);
    expect(cost(counted.slice(1))).toBeLessThanOrEqual(256);
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: contents.map((content) => ({ role: "user" as const, content })) });
    vendor.queueScenario({ reply: { text: "好的。" } });
    const before = vendor.requests.length;
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id, max_prompt_tokens: 256 }, { pollIntervalMs: 100 });
    expect(run.status).toBe("completed");
    expect(chatBodies(before)[0]?.messages.map((message) => message.content)).toEqual([contents[0], contents[2]]);
  });

  it("moves a thread through its lifecycle: created, active with a message, completed after a run, archived (and 404) once deleted", async () => {
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create();
    expect(await harness.threadStatus(thread.id)).toBe("created");
    await client.beta.threads.messages.create(thread.id, { role: "user", content: "Hi" });
    expect(await harness.threadStatus(thread.id)).toBe("active");
    vendor.queueScenario({ reply: { text: "Hello." } });
    expect((await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 100 })).status).toBe("completed");
    expect(await harness.threadStatus(thread.id)).toBe("completed");
    expect(await client.beta.threads.delete(thread.id)).toMatchObject({ id: thread.id, deleted: true });
    expect(await harness.threadStatus(thread.id)).toBe("archived");
    await expect(client.beta.threads.retrieve(thread.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});
