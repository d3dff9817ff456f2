import OpenAI, { toFile } from "openai";
import { openApiValidator, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

const MODEL = "llmserve-demo";
const schemas = openApiValidator();

function expectConforms(schemaName: string, body: unknown): void {
  expect(schemas.problems(schemaName, body), `${schemaName}: ${JSON.stringify(body).slice(0, 400)}`).toEqual([]);
}

/** A tiny but real WAV header + silence, as a client would upload. */
function wavFile(): Buffer {
  const samples = 1600;
  const buffer = Buffer.alloc(44 + samples * 2);
  buffer.write("RIFF", 0);
  buffer.writeUInt32LE(36 + samples * 2, 4);
  buffer.write("WAVEfmt ", 8);
  buffer.writeUInt32LE(16, 16);
  buffer.writeUInt16LE(1, 20);
  buffer.writeUInt16LE(1, 22);
  buffer.writeUInt32LE(16_000, 24);
  buffer.writeUInt32LE(32_000, 28);
  buffer.writeUInt16LE(2, 32);
  buffer.writeUInt16LE(16, 34);
  buffer.write("data", 36);
  buffer.writeUInt32LE(samples * 2, 40);
  return buffer;
}

const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

describe("the gateway through the official openai client", () => {
  let platform: Platform;
  let client: OpenAI;
  let projectId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const key = await platform.createKey();
    projectId = key.projectId;
    client = new OpenAI({ apiKey: key.secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("lists and retrieves models", async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toContain(MODEL);
    const raw = await client.models.list().asResponse().then((response) => response.json());
    expectConforms("ListModelsResponse", raw);
    const model = await client.models.retrieve(MODEL);
    expectConforms("Model", model);
    await expect(client.models.retrieve("no-such-model")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("answers a chat completion in OpenAI's shape with exact usage", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Say hello" }] })
      .withResponse();
    expectConforms("CreateChatCompletionResponse", data);
    expect(response.headers.get("x-request-id")).toMatch(/^req_/);
    expect(data.choices[0]?.message.content).toContain("Say hello");
    expect(data.choices[0]?.finish_reason).toBe("stop");
    expect(data.usage?.total_tokens).toBe((data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0));
  });

  it("streams a chat completion with a final usage chunk", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Stream please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expectConforms("CreateChatCompletionStreamResponse", chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("Stream please");
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage?.completion_tokens).toBeGreaterThan(0);
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === "stop")).toBe(true);
  });

  it("calls tools and takes their results back, streamed and not", async () => {
    const tools = [{ type: "function" as const, function: { name: "get_weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    const first = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }], tools, tool_choice: "required" });
    expectConforms("CreateChatCompletionResponse", first);
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type).toBe("function");
    if (call?.type !== "function") throw new Error("expected a function call");
    expect(call.function.name).toBe("get_weather");
    const followUp = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: '{"temp_c":18}' }],
      tools,
    });
    expectConforms("CreateChatCompletionResponse", followUp);
    expect(followUp.choices[0]?.finish_reason).toBe("stop");

    const stream = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather?" }], tools, tool_choice: "required", stream: true });
    const names: string[] = [];
    for await (const chunk of stream) for (const toolCall of chunk.choices[0]?.delta.tool_calls ?? []) if (toolCall.function?.name) names.push(toolCall.function.name);
    expect(names).toEqual(["get_weather"]);
  });

  it("serves legacy completions, streamed and not", async () => {
    const completion = await client.completions.create({ model: MODEL, prompt: "Once upon a time", max_tokens: 16 });
    expectConforms("CreateCompletionResponse", completion);
    const stream = await client.completions.create({ model: MODEL, prompt: "Once upon a time", stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? "";
    expect(text.length).toBeGreaterThan(0);
  });

  it("embeds text", async () => {
    const embedding = await client.embeddings.create({ model: MODEL, input: ["first", "second"], encoding_format: "float" });
    expectConforms("CreateEmbeddingResponse", embedding);
    expect(embedding.data).toHaveLength(2);
    expect(embedding.data[0]?.embedding.length).toBeGreaterThan(0);
  });

  it("transcribes and translates uploaded audio, and streams a transcription", async () => {
    const transcription = await client.audio.transcriptions.create({ model: MODEL, file: await toFile(wavFile(), "hello.wav", { type: "audio/wav" }) });
    expectConforms("CreateTranscriptionResponseJson", transcription);
    const translation = await client.audio.translations.create({ model: MODEL, file: await toFile(wavFile(), "hello.wav", { type: "audio/wav" }) });
    expectConforms("CreateTranslationResponseJson", translation);
    const stream = await client.audio.transcriptions.create({ model: MODEL, file: await toFile(wavFile(), "hello.wav", { type: "audio/wav" }), stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe("transcript.text.done");
    expect(types.filter((type) => type === "transcript.text.delta").length).toBeGreaterThan(0);
  });

  it("streams a translation as the seed's {translation, timestamp} events", async () => {
    const form = new FormData();
    form.append("model", MODEL);
    form.append("stream", "true");
    form.append("file", new Blob([wavFile()], { type: "audio/wav" }), "hello.wav");
    const response = await fetch(`${platform.gateway.url}/v1/audio/translations`, { method: "POST", headers: { authorization: `Bearer ${client.apiKey}` }, body: form });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .split("\n\n")
      .filter((frame) => frame.startsWith("data: "))
      .map((frame) => JSON.parse(frame.slice(6)) as { translation: string; timestamp: number });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(typeof event.translation).toBe("string");
      expect(typeof event.timestamp).toBe("number");
    }
    expect(events.map((event) => event.translation).join(" ")).toContain("hello.wav");
  });

  it("generates and edits images", async () => {
    const generated = await client.images.generate({ model: MODEL, prompt: "A lighthouse at dusk", n: 2 });
    expectConforms("ImagesResponse", generated);
    expect(generated.data).toHaveLength(2);
    const edited = await client.images.edit({ model: MODEL, prompt: "Add a moon", image: await toFile(PNG_1X1, "base.png", { type: "image/png" }), response_format: "b64_json" });
    expectConforms("ImagesResponse", edited);
    expect(edited.data?.[0]?.b64_json).toBeTruthy();
  });

  it("moderates text", async () => {
    const moderation = await client.moderations.create({ model: MODEL, input: ["hello", "world"] });
    expectConforms("CreateModerationResponse", moderation);
    expect(moderation.results).toHaveLength(2);
  });

  it("refuses a wrong key with OpenAI's 401", async () => {
    const stranger = new OpenAI({ apiKey: "sk-llms-not-a-real-key", baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const error = await stranger.models.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe("invalid_api_key");
  });

  it("records exactly one usage event per request, with the tokens the client was told", async () => {
    const fresh = await platform.createKey();
    const counted = new OpenAI({ apiKey: fresh.secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    const chat = await counted.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "count me" }] });
    const stream = await counted.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "count me too" }], stream: true, stream_options: { include_usage: true } });
    let streamed = 0;
    for await (const chunk of stream) streamed += chunk.usage?.total_tokens ?? 0;
    const embedding = await counted.embeddings.create({ model: MODEL, input: "count" });
    const expectedTokens = (chat.usage?.total_tokens ?? 0) + streamed + embedding.usage.total_tokens;
    expect(expectedTokens).toBeGreaterThan(0);
    const usage = await waitFor(
      async () => {
        const body = (await fetch(`${platform.gateway.url}/v1/usage`, { headers: { authorization: `Bearer ${fresh.secret}` } }).then((response) => response.json())) as { requests: number; total_tokens: number; project_id: string };
        return body.requests >= 3 ? body : undefined;
      },
      { timeoutMs: 20_000, description: "the usage events reached analytics" },
    );
    expect(usage).toMatchObject({ object: "usage", project_id: fresh.projectId, requests: 3, prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expectedTokens });
  });
});
