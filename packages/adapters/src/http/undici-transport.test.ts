import { startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUTS, type Timeouts } from "../spec/call-context.js";
import { UpstreamError } from "../spec/upstream-error.js";
import type { HttpRequest } from "./http-transport.js";
import { UndiciTransport } from "./undici-transport.js";

const transport = new UndiciTransport();
let upstream: OpenAIMock;

beforeAll(async () => {
  upstream = await startOpenAIMock();
});
afterEach(() => upstream.resetScenario());
afterAll(async () => {
  await transport.close();
  await upstream.close();
});

function chatRequest(timeouts: Partial<Timeouts> = {}, stream = true, signal?: AbortSignal): HttpRequest {
  return {
    provider: "test",
    method: "POST",
    url: `${upstream.baseUrl}/chat/completions`,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "hi" }] }),
    timeouts: { ...DEFAULT_TIMEOUTS, ...timeouts },
    signal,
  };
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.length;
  return bytes;
}

async function captureError(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("UndiciTransport", () => {
  it("reuses one keep-alive connection for sequential requests", async () => {
    const before = upstream.connections.opened;
    for (let index = 0; index < 20; index += 1) {
      const response = await transport.send(chatRequest({}, false));
      expect(response.status).toBe(200);
      await response.text();
    }
    // Without keep-alive this would be 20 connections.
    expect(upstream.connections.opened - before).toBeLessThanOrEqual(2);
  });

  it("fails with a retryable timeout when the first byte is too slow", async () => {
    upstream.setScenario({ latencyMs: 300 });
    const error = await captureError(() => transport.send(chatRequest({ firstByteMs: 50 })));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ type: "timeout", status: 504, retryable: true, vendorCode: "first_byte_timeout" });
  });

  it("fails with a retryable timeout when the gap between stream chunks exceeds the idle timeout", async () => {
    upstream.setScenario({ chunkDelayMs: 300 });
    const response = await transport.send(chatRequest({ idleMs: 80 }));
    const error = await captureError(() => drain(response.body));
    expect(error).toMatchObject({ type: "timeout", retryable: true, vendorCode: "idle_timeout" });
  });

  it("enforces the total timeout while a slow stream keeps sending", async () => {
    upstream.setScenario({ chunkDelayMs: 40, reply: { text: "one two three four five six seven eight nine ten" } });
    const started = Date.now();
    const response = await transport.send(chatRequest({ totalMs: 150 }));
    const error = await captureError(() => drain(response.body));
    expect(error).toMatchObject({ type: "timeout", retryable: true, message: "Upstream total timeout exceeded" });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("maps a refused connection to a retryable connection error", async () => {
    const closed = await startOpenAIMock();
    const url = `${closed.baseUrl}/chat/completions`;
    await closed.close();
    const error = await captureError(() => transport.send({ ...chatRequest(), url }));
    expect(error).toMatchObject({ type: "connection", status: 502, retryable: true, vendorCode: "ECONNREFUSED" });
  });

  it("maps a mid-stream disconnect to a retryable connection error", async () => {
    upstream.setScenario({ disconnectAfterEvents: 2 });
    const response = await transport.send(chatRequest());
    const error = await captureError(() => drain(response.body));
    expect(error).toMatchObject({ type: "connection", retryable: true });
  });

  it("closes the upstream connection within 100 ms when the caller aborts mid-stream", async () => {
    upstream.setScenario({ chunkDelayMs: 200 });
    const controller = new AbortController();
    const response = await transport.send(chatRequest({}, true, controller.signal));
    await upstream.waitFor(() => upstream.connections.open > 0);
    const closedBefore = upstream.connections.closed;
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    const reading = iterator.next().catch((error: unknown) => error);
    const abortedAt = Date.now();
    controller.abort();
    await upstream.waitFor(() => upstream.connections.closed > closedBefore, 100);
    expect(Date.now() - abortedAt).toBeLessThan(100);
    const error = await reading;
    expect((error as Error).name).toBe("AbortError");
    expect(upstream.lastRequest?.closedByClient).toBe(true);
  });

  it("closes the upstream connection when the consumer stops iterating early", async () => {
    upstream.setScenario({ chunkDelayMs: 200 });
    const response = await transport.send(chatRequest());
    const closedBefore = upstream.connections.closed;
    for await (const chunk of response.body) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await upstream.waitFor(() => upstream.connections.closed > closedBefore, 100);
    expect(upstream.lastRequest?.closedByClient).toBe(true);
  });

  it("sends FormData bodies as multipart with a boundary", async () => {
    const form = new FormData();
    form.append("model", "whisper-1");
    form.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "audio/wav" }), "a.wav");
    const response = await transport.send({
      ...chatRequest({}, false),
      url: `${upstream.baseUrl}/audio/transcriptions`,
      headers: {},
      body: form,
    });
    expect(response.status).toBe(200);
    await response.text();
    expect(upstream.lastRequest?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(upstream.lastRequest?.body).toEqual({
      fields: { model: "whisper-1" },
      files: { file: { filename: "a.wav", contentType: "audio/wav", size: 3 } },
    });
  });
});
