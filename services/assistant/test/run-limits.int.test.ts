import OpenAI from "openai";
import type { OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectConforms, startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "The weather in a city", parameters: { type: "object", properties: { city: { type: "string" } } } } };
const TOOL_CALL = { toolCalls: [{ id: "call_w", name: "get_weather", arguments: '{"city":"Paris"}' }] };

/**
 * A run's token limits count over the whole run, as OpenAI defines them: max_completion_tokens and
 * max_prompt_tokens bound the sum of every model call's usage; a run cut at a limit ends
 * `incomplete` with `incomplete_details.reason`, and a response cut at max_output_tokens too.
 */
describe("token limits of runs and responses, through the official openai client", () => {
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

  const chatBodies = (from: number) => vendor.requests.slice(from).filter((request) => request.path.endsWith("/chat/completions")).map((request) => request.body as { max_tokens?: number });

  it("ends a run cut at max_completion_tokens `incomplete`, its message kept as far as it got, streamed as incomplete events", async () => {
    vendor.queueScenario({ reply: { text: "The story begins", finishReason: "length", usage: { promptTokens: 20, completionTokens: 256 } } });
    const before = vendor.requests.length;
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Tell me a long story." }] });
    const events: string[] = [];
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id, max_completion_tokens: 256 });
    stream.on("event", (event) => events.push(event.event));
    await stream.done();
    expect(events).toEqual(expect.arrayContaining(["thread.message.incomplete", "thread.run.incomplete"]));
    expect(events).not.toContain("thread.run.completed");
    // The vendor was asked for no more than the run's limit.
    expect(chatBodies(before).map((body) => body.max_tokens)).toEqual([256]);

    const run = await client.beta.threads.runs.retrieve(stream.currentRun()!.id, { thread_id: thread.id });
    expect(run).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_completion_tokens" }, completed_at: null, usage: { prompt_tokens: 20, completion_tokens: 256, total_tokens: 276 } });
    expectConforms("RunObject", run);
    const messages = await client.beta.threads.messages.list(thread.id, { order: "desc", limit: 1 });
    const message = messages.data[0]!;
    expect(message).toMatchObject({ role: "assistant", status: "incomplete", incomplete_details: { reason: "max_tokens" }, completed_at: null, run_id: run.id });
    expect(message.incomplete_at).toBeGreaterThanOrEqual(run.created_at);
    expect((message.content[0] as OpenAI.Beta.Threads.TextContentBlock).text.value).toBe("The story begins");
    expectConforms("MessageObject", message);
    // The run is over: the thread takes a new one.
    vendor.queueScenario({ reply: { text: "The end." } });
    const next = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id }, { pollIntervalMs: 100 });
    expect(next.status).toBe("completed");
  });

  it("counts max_completion_tokens over the run's calls: the call after a tool round asks only for what is left", async () => {
    vendor.queueScenario({ reply: { ...TOOL_CALL, usage: { promptTokens: 30, completionTokens: 15 } } }, { reply: { text: "Sunny.", usage: { promptTokens: 50, completionTokens: 5 } } });
    const before = vendor.requests.length;
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    // OpenAI's minimum for a run's limit is 256, as its API reference says.
    await expect(client.beta.threads.createAndRun({ assistant_id: assistant.id, max_completion_tokens: 40 })).rejects.toMatchObject({ status: 400 });
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, max_completion_tokens: 256, thread: { messages: [{ role: "user", content: "Weather in Paris?" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    const done = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_w", output: "sunny" }] }, { pollIntervalMs: 100 });
    expect(done).toMatchObject({ status: "completed", incomplete_details: null, usage: { prompt_tokens: 80, completion_tokens: 20, total_tokens: 100 } });
    expect(chatBodies(before).map((body) => body.max_tokens)).toEqual([256, 241]);
  });

  it("ends a run whose prompt tokens so far leave no room for the next call `incomplete` (max_prompt_tokens), without making the call", async () => {
    vendor.queueScenario({ reply: { ...TOOL_CALL, usage: { promptTokens: 290, completionTokens: 9 } } }, { reply: { text: "Never asked for." } });
    const before = vendor.requests.length;
    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, max_prompt_tokens: 300, thread: { messages: [{ role: "user", content: "Weather in Paris?" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    const ended = await client.beta.threads.runs.submitToolOutputsAndPoll(waiting.id, { thread_id: waiting.thread_id, tool_outputs: [{ tool_call_id: "call_w", output: "sunny" }] }, { pollIntervalMs: 100 });
    expect(ended).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_prompt_tokens" }, required_action: null, expires_at: null, usage: { prompt_tokens: 290, completion_tokens: 9, total_tokens: 299 } });
    expectConforms("RunObject", ended);
    expect(chatBodies(before)).toHaveLength(1);
    const statuses = (await harness.outboxEvents("run-status-changed")).filter((event) => event.runId === ended.id).map((event) => String(event.status));
    expect(statuses.at(-1)).toBe("incomplete");
  });

  it("answers a response cut at max_output_tokens `incomplete` (reason max_output_tokens), whole and streamed", async () => {
    vendor.queueScenario({ reply: { text: "Once upon", finishReason: "length" } }, { reply: { text: "Once upon", finishReason: "length" } });
    const whole = await client.responses.create({ model: "gpt-tools", input: "Tell me a story.", max_output_tokens: 16 });
    expect(whole).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, max_output_tokens: 16 });
    expect(whole.output[0]).toMatchObject({ type: "message", status: "incomplete" });
    expect(whole.output_text).toBe("Once upon");
    expectConforms("Response", whole);
    expect(await client.responses.retrieve(whole.id)).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });

    const stream = await client.responses.create({ model: "gpt-tools", input: "Tell me a story.", max_output_tokens: 16, stream: true });
    const types: string[] = [];
    let last: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.incomplete") last = event.response;
    }
    expect(types).not.toContain("response.completed");
    expect(types.at(-1)).toBe("response.incomplete");
    expect(last).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
  });

  /** One sample of the assistant instance's /metrics (0 when the series is not there yet). */
  async function sample(name: string, labels: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${harness.assistant.metricsPort}/metrics`)).text();
    const line = text.split("\n").find((candidate) => candidate.startsWith(`${name}{`) && labels.split(",").every((label) => candidate.includes(label)));
    return line ? Number(line.split(" ").at(-1)) : 0;
  }

  it("shows runs by status, the statuses they reached and the model calls' durations on the service's /metrics", async () => {
    const reached = (status: string) => sample("llmserve_assistant_run_status_total", `status="${status}"`);
    const calls = (caller: string, outcome: string) => sample("llmserve_assistant_model_call_duration_seconds_count", `caller="${caller}",outcome="${outcome}"`);
    const before = { completed: await reached("completed"), failed: await reached("failed"), waiting: await reached("requires_action"), ok: await calls("run", "ok"), error: await calls("run", "error"), response: await calls("response", "ok") };
    const waitingNow = await sample("llmserve_assistant_runs", 'status="requires_action"');

    const assistant = await client.beta.assistants.create({ model: "gpt-tools", tools: [WEATHER_TOOL] });
    vendor.queueScenario({ reply: { text: "Done." } });
    const done = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } }, { pollIntervalMs: 100 });
    expect(done.status).toBe("completed");
    vendor.queueScenario({ reply: TOOL_CALL });
    const waiting = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Weather?" }] } }, { pollIntervalMs: 100 });
    expect(waiting.status).toBe("requires_action");
    vendor.setScenario({ error: { status: 500, message: "vendor exploded" } });
    try {
      const failed = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } }, { pollIntervalMs: 100 });
      expect(failed.status).toBe("failed");
    } finally {
      vendor.resetScenario();
    }
    await client.responses.create({ model: "gpt-tools", input: "Hi" });

    expect(await reached("completed")).toBe(before.completed + 1);
    expect(await reached("failed")).toBe(before.failed + 1);
    expect(await reached("requires_action")).toBe(before.waiting + 1);
    expect(await calls("run", "ok")).toBe(before.ok + 2);
    // The gateway may retry the vendor's 500 once or more: the run's one model call failed once.
    expect(await calls("run", "error")).toBe(before.error + 1);
    expect(await calls("response", "ok")).toBe(before.response + 1);
    expect(await sample("llmserve_assistant_runs", 'status="requires_action"')).toBe(waitingNow + 1);
  });
});
