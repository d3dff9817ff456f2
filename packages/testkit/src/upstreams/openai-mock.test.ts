import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startOpenAIMock, type OpenAIMock } from "./openai-mock.js";

let mock: OpenAIMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

function post(agent: Agent, url: string, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (incoming) => {
      const parts: Buffer[] = [];
      incoming.on("data", (part: Buffer) => parts.push(part));
      incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(JSON.stringify(body));
  });
}

/** Raw TCP client: returns each `data` event's size so tests can see how the bytes were written. */
function rawStream(port: number, body: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const pieces: string[] = [];
    socket.on("data", (part) => pieces.push(part.toString()));
    socket.on("end", () => resolve(pieces));
    socket.on("close", () => resolve(pieces));
    socket.on("error", reject);
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

/** Decodes HTTP chunked transfer encoding (ASCII payloads), returning the body and each chunk's size. */
function dechunk(raw: string): { body: string; sizes: number[] } {
  let rest = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  let body = "";
  const sizes: number[] = [];
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!(size > 0)) return { body, sizes };
    sizes.push(size);
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}

const chatBody = { model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] };

describe("OpenAI mock upstream", () => {
  it("records method, url, headers and parsed body of each request", async () => {
    mock = await startOpenAIMock();
    const agent = new Agent({ keepAlive: true });
    const answer = await post(agent, `${mock.baseUrl}/chat/completions?x=1`, chatBody);
    agent.destroy();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ object: "chat.completion", choices: [{ message: { content: "Hello from the mock upstream." } }] });
    expect(mock.lastRequest).toMatchObject({ method: "POST", url: "/v1/chat/completions?x=1", path: "/v1/chat/completions", query: { x: "1" }, headers: { "content-type": "application/json" }, body: chatBody });
  });

  it("splits SSE events into separate TCP writes of the requested size", async () => {
    mock = await startOpenAIMock({ scenario: { splitBytes: 10 } });
    const pieces = await rawStream(mock.port, JSON.stringify({ ...chatBody, stream: true }));
    const raw = pieces.join("");
    const { body, sizes } = dechunk(raw);
    // Every HTTP chunk is one write of at most 10 bytes, and the socket saw many separate reads.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.length).toBeGreaterThan(100);
    expect(pieces.length).toBeGreaterThan(20);
    expect(body).toContain("data: [DONE]");
  });

  it("answers scripted errors with retry-after, and queued scenarios run once in order", async () => {
    mock = await startOpenAIMock();
    mock.queueScenario({ error: { status: 429 } }, { error: { status: 503 } });
    const agent = new Agent({ keepAlive: true });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post(agent, `${mock.baseUrl}/chat/completions`, chatBody)).status);
    agent.destroy();
    expect(statuses).toEqual([429, 503, 200]);
  });

  it("counts connections opened and closed", async () => {
    mock = await startOpenAIMock();
    const agent = new Agent({ keepAlive: true });
    await post(agent, `${mock.baseUrl}/chat/completions`, chatBody);
    await post(agent, `${mock.baseUrl}/chat/completions`, chatBody);
    expect(mock.connections).toMatchObject({ open: 1, opened: 1, closed: 0 });
    agent.destroy();
    await mock.waitFor(() => mock!.connections.closed === 1);
    expect(mock.connections.open).toBe(0);
  });

  it("serves thousands of requests per second in zero-latency mode", async () => {
    mock = await startOpenAIMock({ maxRecordedRequests: 0 });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const total = 4000;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) {
          next += 1;
          const answer = await post(agent, `${mock!.baseUrl}/chat/completions`, chatBody);
          if (answer.status !== 200) throw new Error(`status ${answer.status}`);
        }
      }),
    );
    const perSecond = total / ((performance.now() - started) / 1000);
    agent.destroy();
    console.log(`OpenAI mock: ${Math.round(perSecond)} req/s (client and server share one process)`);
    expect(perSecond).toBeGreaterThan(1000);
    expect(mock.requests).toHaveLength(0);
  });
});

describe("errorShare", () => {
  it("fails an evenly spread share of requests with the scenario's error", async () => {
    mock = await startOpenAIMock({ scenario: { error: { status: 503 }, errorShare: 0.5 } });
    const agent = new Agent({ keepAlive: true });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1) statuses.push((await post(agent, `${mock.baseUrl}/chat/completions`, { model: "m", messages: [] })).status);
    agent.destroy();
    expect(statuses).toEqual([200, 503, 200, 503, 200, 503]);
  });
});
