import OpenAI from "openai";
import type { OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { expectConforms, startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

const WEATHER = { type: "function" as const, name: "get_weather", description: "The weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };

/** Issue #18: the Responses API and conversations through the gateway, seen by the official client. */
describe("the Responses API through the official openai client", () => {
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

  function chatCalls(from: number) {
    return vendor.requests.slice(from).filter((request) => request.path.endsWith("/chat/completions")).map((request) => request.body as { messages: Array<Record<string, unknown>> });
  }

  it("streams a function-tool round trip, then follows up through previous_response_id", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ id: "call_w", name: "get_weather", arguments: '{"city":"Paris"}' }] } }, { reply: { text: "Sunny in Paris." } }, { reply: { text: "You asked about Paris." } });
    const before = vendor.requests.length;
    const stream = await client.responses.create({ model: "gpt-tools", input: "Weather in Paris?", instructions: "Be brief.", tools: [WEATHER], stream: true });
    const types: string[] = [];
    const argumentDeltas: string[] = [];
    let first: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (types.at(-1) !== event.type) types.push(event.type);
      if (event.type === "response.function_call_arguments.delta") argumentDeltas.push(event.delta);
      if (event.type === "response.completed") first = event.response;
    }
    // The arguments arrive in the pieces the vendor streamed them in (consecutive deltas collapsed above).
    expect(argumentDeltas.length).toBeGreaterThan(1);
    expect(argumentDeltas.join("")).toBe('{"city":"Paris"}');
    expect(types).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done", "response.completed"]);
    expectConforms("Response", first);
    const call = first!.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: "function_call", call_id: "call_w", name: "get_weather", arguments: '{"city":"Paris"}' });

    const answered = await client.responses.create({ model: "gpt-tools", previous_response_id: first!.id, input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny" }], tools: [WEATHER] });
    expectConforms("Response", answered);
    expect(answered.output_text).toBe("Sunny in Paris.");
    const followUp = await client.responses.create({ model: "gpt-tools", previous_response_id: answered.id, input: "What did I ask?" });
    expect(followUp.output_text).toBe("You asked about Paris.");
    // The follow-up's model call carries the whole chain: question, call, its output, answer, new question.
    const calls = chatCalls(before);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool", "assistant", "user"]);
    expect(calls[1]!.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "call_w", content: "sunny" });
    expect(calls[0]!.messages[0]).toEqual({ role: "system", content: "Be brief." });

    expect(await client.responses.retrieve(answered.id)).toEqual(answered);
    const inputs = await client.responses.inputItems.list(answered.id);
    expect(inputs.data).toMatchObject([{ type: "function_call_output", call_id: "call_w", output: "sunny" }]);
    expectConforms("ResponseItemList", await client.responses.inputItems.list(answered.id).asResponse().then((response) => response.json()));
    await client.responses.delete(followUp.id);
    await expect(client.responses.retrieve(followUp.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("keeps a conversation's items across responses", async () => {
    vendor.queueScenario({ reply: { text: "Nice to meet you, Ada." } }, { reply: { text: "Your name is Ada." } });
    const conversation = await client.conversations.create({ items: [{ type: "message", role: "user", content: "My name is Ada." }] });
    const before = vendor.requests.length;
    await client.responses.create({ model: "gpt-tools", conversation: conversation.id, input: "Hello." });
    const second = await client.responses.create({ model: "gpt-tools", conversation: conversation.id, input: "What is my name?" });
    expect(second.output_text).toBe("Your name is Ada.");
    expect(chatCalls(before)[1]!.messages.map((message) => message.content)).toEqual(["My name is Ada.", "Hello.", "Nice to meet you, Ada.", "What is my name?"]);
    const items = await client.conversations.items.list(conversation.id, { order: "asc" });
    expect(items.data).toHaveLength(5);
    expectConforms("ConversationItemList", await client.conversations.items.list(conversation.id).asResponse().then((response) => response.json()));
  });

  it("answers 404 for another project's response and conversation", async () => {
    const response = await client.responses.create({ model: "llmserve-demo", input: "Hi" });
    const conversation = await client.conversations.create({});
    await expect(other.responses.retrieve(response.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.responses.create({ model: "llmserve-demo", previous_response_id: response.id, input: "Hi" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.conversations.retrieve(conversation.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.responses.create({ model: "llmserve-demo", conversation: conversation.id, input: "Hi" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("streams response.failed with the error when the upstream fails", async () => {
    vendor.setScenario({ error: { status: 500, message: "vendor exploded" } });
    try {
      const stream = await client.responses.create({ model: "gpt-tools", input: "Hi", stream: true });
      let failed: OpenAI.Responses.Response | undefined;
      for await (const event of stream) if (event.type === "response.failed") failed = event.response;
      expect(failed?.status).toBe("failed");
      expect(failed?.error?.message.length).toBeGreaterThan(0);
    } finally {
      vendor.resetScenario();
    }
  });
});
