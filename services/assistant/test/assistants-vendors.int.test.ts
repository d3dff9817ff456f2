import OpenAI from "openai";
import { startBaiduMock, startQianfanMock, startZhipuMock, type MockChatReply, type MockUpstream } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectConforms, startAssistantPlatform, type AssistantPlatform } from "./assistant-platform.js";

interface ScriptedVendor extends MockUpstream {
  baseUrl: string;
  queueScenario(...scenarios: Array<{ reply?: MockChatReply }>): void;
}

interface VendorCase {
  name: string;
  start(): Promise<ScriptedVendor>;
  deployment(vendor: ScriptedVendor): { provider_type: string; base_url: string; credentials: Record<string, string>; upstream_model: string };
}

/** Zhipu (GLM), Baidu Qianfan (Wenxin v2) and Baidu Wenxin v1, each in its own wire format. */
const VENDORS: VendorCase[] = [
  {
    name: "zhipu",
    start: () => startZhipuMock({ apiKey: "zhipu-id.zhipu-secret" }),
    deployment: (vendor) => ({ provider_type: "zhipu", base_url: vendor.baseUrl, credentials: { api_key: "zhipu-id.zhipu-secret" }, upstream_model: "glm-4" }),
  },
  {
    name: "baidu-qianfan (Wenxin v2)",
    start: () => startQianfanMock({ apiKey: "bce-v3/qianfan-key" }),
    deployment: (vendor) => ({ provider_type: "baidu-qianfan", base_url: vendor.baseUrl, credentials: { api_key: "bce-v3/qianfan-key" }, upstream_model: "ernie-4.0-8k" }),
  },
  {
    name: "baidu-wenxin (Wenxin v1)",
    start: () => startBaiduMock({ apiKey: "wenxin-ak", secretKey: "wenxin-sk" }),
    deployment: (vendor) => ({ provider_type: "baidu-wenxin", base_url: vendor.baseUrl, credentials: { api_key: "wenxin-ak", secret_key: "wenxin-sk" }, upstream_model: "completions_pro" }),
  },
];

const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "The weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

function textOf(message: OpenAI.Beta.Threads.Message | undefined): string {
  return (message?.content[0] as OpenAI.Beta.Threads.TextContentBlock | undefined)?.text.value ?? "";
}

let harness: AssistantPlatform;

beforeAll(async () => {
  harness = await startAssistantPlatform();
});

afterAll(async () => {
  await harness?.stop();
});

/** Issue #18: runs execute on any registry model, the Chinese vendors included, through the gateway's adapters. */
describe.each(VENDORS)("assistant runs on a $name deployment", (vendorCase) => {
  let vendor: ScriptedVendor;
  let client: OpenAI;
  const model = `assistant-${vendorCase.name.split(" ")[0]}`;

  beforeAll(async () => {
    vendor = await vendorCase.start();
    await harness.addModel(model, vendorCase.deployment(vendor));
    ({ client } = await harness.client());
  });

  afterAll(async () => {
    await vendor?.close();
  });

  it("creates a thread and runs it (createAndRunPoll)", async () => {
    vendor.queueScenario({ reply: { text: `Hello from ${vendorCase.name}.` } });
    const assistant = await client.beta.assistants.create({ model, instructions: "Be brief." });
    const run = await client.beta.threads.createAndRunPoll({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hello?" }] } }, { pollIntervalMs: 100 });
    expect(run.status, JSON.stringify(run.last_error)).toBe("completed");
    expectConforms("RunObject", run);
    const messages = await client.beta.threads.messages.list(run.thread_id);
    expect(textOf(messages.data[0])).toBe(`Hello from ${vendorCase.name}.`);
  });

  it("streams a function-tool round trip", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] } }, { reply: { text: "Sunny in Paris." } });
    const assistant = await client.beta.assistants.create({ model, tools: [WEATHER_TOOL] });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Weather in Paris?" }] });
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    await stream.done();
    const waiting = stream.currentRun();
    expect(waiting?.status, JSON.stringify(waiting?.last_error)).toBe("requires_action");
    const call = waiting!.required_action!.submit_tool_outputs.tool_calls[0]!;
    expect(call.function).toEqual({ name: "get_weather", arguments: '{"city":"Paris"}' });
    const resumed = client.beta.threads.runs.submitToolOutputsStream(waiting!.id, { thread_id: thread.id, tool_outputs: [{ tool_call_id: call.id, output: "sunny" }] });
    const finalRun = await resumed.finalRun();
    expect(finalRun.status, JSON.stringify(finalRun.last_error)).toBe("completed");
    expect(textOf((await resumed.finalMessages())[0])).toBe("Sunny in Paris.");
    // The tool's output reached the vendor in its own format.
    const last = vendor.requests.filter((request) => request.method === "POST" && !request.path.includes("oauth")).at(-1)!;
    expect(JSON.stringify(last.body)).toContain("sunny");
  });

  it("streams a response through a function-tool round trip, then follows up through previous_response_id", async () => {
    vendor.queueScenario({ reply: { toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] } }, { reply: { text: "Sunny in Paris." } }, { reply: { text: "You asked about Paris." } });
    const tools = [{ type: "function" as const, name: "get_weather", description: "The weather in a city", parameters: WEATHER_TOOL.function.parameters, strict: false }];
    const stream = await client.responses.create({ model, input: "Weather in Paris?", tools, stream: true });
    let first: OpenAI.Responses.Response | undefined;
    const types = new Set<string>();
    for await (const event of stream) {
      types.add(event.type);
      if (event.type === "response.completed") first = event.response;
    }
    expect([...types]).toEqual(expect.arrayContaining(["response.created", "response.function_call_arguments.delta", "response.completed"]));
    expectConforms("Response", first);
    const call = first!.output[0] as OpenAI.Responses.ResponseFunctionToolCall;
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"Paris"}' });
    const answered = await client.responses.create({ model, previous_response_id: first!.id, input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny" }], tools });
    expect(answered.output_text).toBe("Sunny in Paris.");
    const followUp = await client.responses.create({ model, previous_response_id: answered.id, input: "What did I ask?" });
    expect(followUp.output_text).toBe("You asked about Paris.");
    expectConforms("Response", followUp);
    // The follow-up reached the vendor, in its own format, with the whole chain: question, tool output, answer, new question.
    const last = JSON.stringify(vendor.requests.filter((request) => request.method === "POST" && !request.path.includes("oauth")).at(-1)!.body);
    for (const part of ["Weather in Paris?", "sunny", "Sunny in Paris.", "What did I ask?"]) expect(last).toContain(part);
  });
});
