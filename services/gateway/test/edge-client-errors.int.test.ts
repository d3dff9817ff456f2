import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyFixture, startAuthStack, type AuthStack } from "./auth-harness.js";

const REQUEST_TIMEOUT_MS = 1_500;

interface RawAnswer {
  status: number;
  body: string;
  requestId: string | undefined;
  /** What the client saw at the end: a clean close, or a reset (which can swallow the answer). */
  reset: boolean;
}

/**
 * A client that keeps sending its body, 1 KiB every 5 ms, never finishing: the request time-out
 * falls while it is writing, so the server closes a connection with unread bytes in it.
 */
function busySlowBody(url: string, head: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  let reset = false;
  socket.write(head);
  const timer = setInterval(() => {
    if (socket.writable) socket.write("x".repeat(1_024));
  }, 5);
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", (error: NodeJS.ErrnoException) => (reset ||= error.code === "ECONNRESET" || error.code === "EPIPE"));
  return new Promise((resolve) => {
    socket.on("close", () => {
      clearInterval(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        body: text.split("\r\n\r\n").slice(1).join("\r\n\r\n"),
        requestId: /^x-request-id: (.+)$/im.exec(text)?.[1]?.trim(),
        reset,
      });
    });
  });
}

/**
 * What Node's HTTP parser and timers refuse before the app sees a request gets an answer the client
 * can read: OpenAI's error shape, and a lingering close instead of a reset (ADR 0030). Before, Node
 * wrote the 408 and destroyed the socket at once, and a client still sending often got only a reset.
 */
describe("the gateway's edge: answers to what Node's parser refuses", () => {
  let stack: AuthStack;
  let secret: string;

  beforeAll(async () => {
    stack = await startAuthStack("gwclerr", { gatewayEnv: { GATEWAY_HEADERS_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), GATEWAY_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) }, logLevel: "warn" });
    secret = (await createKeyFixture(stack, stack.adminToken)).secret;
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("answers every client still sending its body when the request time-out falls with a readable 408", async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${secret}\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => busySlowBody(stack.gateways[0]!.url, head)));
    const summary = answers.map((answer) => `${answer.status}${answer.reset ? " reset" : ""}`);
    expect(answers.every((answer) => answer.status === 408), JSON.stringify(summary)).toBe(true);
    for (const answer of answers) {
      expect(JSON.parse(answer.body)).toEqual({ error: { message: expect.any(String), type: "invalid_request_error", param: null, code: "request_timeout" } });
      expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    // The gateway still serves everyone else.
    const models = await stack.call("GET", "/v1/models", { token: secret });
    expect(models.status).toBe(200);
  }, 120_000);

  it("answers malformed HTTP and oversized headers in OpenAI's error shape", async () => {
    const url = stack.gateways[0]!.url;
    const malformed = await busySlowBody(url, "GET /v1/models HTTP/1.1\r\nHost: gateway\r\nBad Header Line\r\n\r\n");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error.code).toBe("malformed_request");
    const huge = await busySlowBody(url, `GET /v1/models HTTP/1.1\r\nHost: gateway\r\nX-Pad: ${"a".repeat(64 * 1024)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).error.code).toBe("request_headers_too_large");
  }, 60_000);
});
