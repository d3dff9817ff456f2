import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEdgePlatform, type EdgePlatform, type GatewayProcess } from "../../src/edge-platform.js";
import { hostileJsonBody, hostileMultipartBody, type HostileBody } from "../../src/hostile-bodies.js";
import { reportFigures } from "../../src/load.js";
import { MIB } from "../../src/process-memory.js";
import { rawRequest, slowClient, uploadRequest, type UploadPace } from "../../src/raw-http.js";
import { reportSetupRetries } from "../../src/setup-retry.js";

const MAX_BODY_BYTES = 1024 * 1024;
const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 4_000;
/** Uploads of a 12 MiB body per pace: the 413 must reach the client every time, not a reset. */
const UPLOAD_ROUNDS = Number(process.env.EDGE_UPLOAD_ROUNDS ?? 20);
/** fast-check runs per generator and pass; two passes show whether memory grows with the requests. */
const RUNS = 400;

interface Tally {
  statuses: Record<string, number>;
  problems: string[];
}

/** 4xx (or a 2xx for a body that happens to be valid), OpenAI-shaped, with a request id: never a 5xx or a stack. */
function judge(tally: Tally, what: string, status: number, text: string, requestId: string | null): void {
  tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
  if (status >= 500 || status === 0) tally.problems.push(`${what} -> ${status} ${text.slice(0, 200)}`);
  if (text.includes("    at ")) tally.problems.push(`${what} -> a stack trace`);
  if (status >= 400 && status < 500) {
    let shaped = false;
    try {
      const error = (JSON.parse(text) as { error?: Record<string, unknown> }).error;
      shaped = error !== undefined && ["message", "type", "param", "code"].every((name) => name in error);
    } catch {
      shaped = false;
    }
    if (!shaped || !requestId) tally.problems.push(`${what} -> ${status} not OpenAI-shaped: ${text.slice(0, 200)}`);
  }
}

describe("hostile input against a gateway process", () => {
  let platform: EdgePlatform;
  let gateway: GatewayProcess;
  let apiKey: string;
  const tally: Tally = { statuses: {}, problems: [] };
  const memory = { baselineMiB: 0, afterFirstPassMiB: 0, afterSecondPassMiB: 0, endMiB: 0 };

  const send = async (hostile: HostileBody) => {
    const response = await fetch(`${gateway.url}${hostile.path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, ...(hostile.contentType ? { "content-type": hostile.contentType } : {}) },
      body: hostile.body,
    });
    const text = await response.text();
    judge(tally, `${hostile.path} ${hostile.contentType} ${hostile.body.subarray(0, 80).toString("latin1")}`, response.status, text, response.headers.get("x-request-id"));
  };

  const fuzzPass = async (seed: number) => {
    await fc.assert(fc.asyncProperty(hostileJsonBody, async (hostile) => void (await send(hostile))), { numRuns: RUNS, seed });
    await fc.assert(fc.asyncProperty(hostileMultipartBody, async (hostile) => void (await send(hostile))), { numRuns: RUNS, seed });
  };

  beforeAll(async () => {
    platform = await startEdgePlatform({
      gatewayEnv: {
        GATEWAY_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
        GATEWAY_MAX_UPLOAD_BYTES: String(2 * MAX_BODY_BYTES),
        GATEWAY_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        GATEWAY_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      },
    });
    gateway = platform.gateways[0]!;
    apiKey = (await platform.createKey()).secret;
    // Warm up (JIT, pools, caches) before the baseline.
    for (let index = 0; index < 50; index += 1) await send({ path: "/v1/chat/completions", contentType: "application/json", body: Buffer.from('{"model":"llmserve-demo","messages":[{"role":"user","content":"hi"}]}') });
    memory.baselineMiB = gateway.residentBytes() / MIB;
  });

  afterAll(async () => {
    reportSetupRetries("hostile-input");
    await platform?.stop();
  });

  it("answers generated malformed JSON and multipart bodies with 4xx, never 5xx, and memory does not grow with them", async () => {
    await fuzzPass(1);
    memory.afterFirstPassMiB = gateway.residentBytes() / MIB;
    await fuzzPass(2);
    memory.afterSecondPassMiB = gateway.residentBytes() / MIB;
    expect(tally.problems).toEqual([]);
    expect(Object.keys(tally.statuses).every((status) => Number(status) < 500)).toBe(true);
    // A leak would grow with the requests: the second pass (as many again) must add little.
    expect(memory.afterSecondPassMiB - memory.afterFirstPassMiB).toBeLessThan(48);
    expect(memory.afterSecondPassMiB - memory.baselineMiB).toBeLessThan(160);
    const { baselineMiB, afterFirstPassMiB, afterSecondPassMiB } = rounded(memory);
    reportFigures("generated malformed bodies", { requests: 4 * RUNS, statuses: tally.statuses, baselineMiB, afterFirstPassMiB, afterSecondPassMiB });
  }, 600_000);

  it("refuses invalid UTF-8 in a JSON body with 400 instead of silently replacing the bytes", async () => {
    const body = Buffer.concat([Buffer.from('{"model":"llmserve-demo","messages":[{"role":"user","content":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}]}')]);
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body });
    const answer = (await response.json()) as { error: { type: string } };
    expect(response.status).toBe(400);
    expect(answer.error.type).toBe("invalid_request_error");
  });

  it("answers a 12 MiB body with 413 every time, sent at full speed or slowly, never a reset", async () => {
    const body = Buffer.alloc(12 * MAX_BODY_BYTES, "a");
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const paces: Record<string, UploadPace> = { "full speed": {}, "64 KiB every 2 ms": { chunkBytes: 64 * 1024, pauseMs: 2 } };
    const outcomes: Record<string, Record<string, number>> = {};
    const failures: string[] = [];
    for (let round = 0; round < UPLOAD_ROUNDS; round += 1) {
      for (const [name, pace] of Object.entries(paces)) {
        const answer = await uploadRequest(gateway.url, head, body, pace);
        const outcome = answer.status === 0 ? `no answer (${answer.writeError ?? "closed"})` : String(answer.status);
        outcomes[name] = { ...outcomes[name], [outcome]: (outcomes[name]?.[outcome] ?? 0) + 1 };
        if (answer.status !== 413) failures.push(`${name}, round ${round}: ${outcome}`);
        else judge(tally, `12 MiB ${name}`, answer.status, answer.text.split("\r\n\r\n").slice(1).join("\r\n\r\n"), /^x-request-id: (.+)$/im.exec(answer.text)?.[1] ?? null);
      }
    }
    reportFigures("12 MiB uploads", { rounds: UPLOAD_ROUNDS, outcomes });
    expect(failures).toEqual([]);
    expect(tally.problems).toEqual([]);
  }, 300_000);

  it("answers huge bodies, lying lengths and huge headers with 4xx, without buffering them", async () => {
    const before = gateway.residentBytes();
    const cases: Array<{ what: string; status: number; text: string; requestId: string | null }> = [];
    const deep = `{"model":"llmserve-demo","messages":[{"role":"user","content":${"[".repeat(200_000)}${"]".repeat(200_000)}}]}`;
    const nested = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: deep });
    cases.push({ what: "200,000 nested arrays", status: nested.status, text: await nested.text(), requestId: nested.headers.get("x-request-id") });
    const wide = `{"model":"llmserve-demo","messages":[{"role":"user","content":"hi"}],"metadata":{${Array.from({ length: 60_000 }, (_, index) => `"k${index}":1`).join(",")}}}`;
    const keys = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: wide });
    cases.push({ what: "60,000 keys", status: keys.status, text: await keys.text(), requestId: keys.headers.get("x-request-id") });
    const head = (extra: string) => `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\n${extra}`;
    const raws: Array<[string, string]> = [
      ["Content-Length of 1 TB, 10 bytes sent", head("Content-Length: 1000000000000\r\n\r\n{\"model\":")],
      ["chunk size of 2^48", head("Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nabc")],
      ["one 64 KiB header", head(`X-Pad: ${"a".repeat(64 * 1024)}\r\n\r\n`)],
      ["3,000 headers", head(`${Array.from({ length: 3_000 }, (_, index) => `X-H${index}: v`).join("\r\n")}\r\n\r\n`)],
      ["a 12 KiB bearer token", `GET /v1/models HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer sk-${"x".repeat(12 * 1024)}\r\nConnection: close\r\n\r\n`],
      ["bytes 0x80-0xff in the token", `GET /v1/models HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer sk-\u00ff\u00fe\u0080\u00c3\u0028\r\nConnection: close\r\n\r\n`],
      ["bytes 0xff in the path", `GET /v1/models/\u00ff\u00fe HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${apiKey}\r\nConnection: close\r\n\r\n`],
      ["both Content-Length and chunked", head("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")],
    ];
    for (const [what, request] of raws) {
      const answer = await rawRequest(gateway.url, Buffer.from(request, "latin1"));
      const body = answer.text.split("\r\n\r\n").slice(1).join("\r\n\r\n");
      const requestId = /^x-request-id: (.+)$/im.exec(answer.text)?.[1] ?? null;
      cases.push({ what, status: answer.status, text: body, requestId });
    }
    // What each must get: the lying length is refused at once on its declared length (413); a chunk
    // that never ends waits for the request time-out (408); 60,000 keys fit in the limit and are valid.
    const expected: Record<string, number[]> = { "Content-Length of 1 TB, 10 bytes sent": [413], "chunk size of 2^48": [408, 413], "60,000 keys": [200, 400] };
    for (const { what, status } of cases) if (expected[what]) expect(expected[what], `${what}: ${status}`).toContain(status);
    const local: Tally = { statuses: {}, problems: [] };
    for (const { what, status, text, requestId } of cases) {
      // Node's own parser answers 400/413/431 with an empty body before our app sees the request.
      if (status >= 400 && status < 500 && text.trim() === "") local.statuses[status] = (local.statuses[status] ?? 0) + 1;
      else judge(local, what, status, text, requestId);
    }
    expect(local.problems).toEqual([]);
    expect(Object.keys(local.statuses).every((status) => Number(status) < 500), JSON.stringify(cases.map(({ what, status }) => `${what}: ${status}`))).toBe(true);
    const growthMiB = (gateway.residentBytes() - before) / MIB;
    expect(growthMiB).toBeLessThan(128);
    reportFigures("huge bodies and headers", { cases: cases.map(({ what, status }) => `${what}: ${status}`), rssGrowthMiB: Math.round(growthMiB) });
  }, 120_000);

  it("disconnects slowloris clients with 408 after the header time-out, while serving everyone else", async () => {
    const slowHeaders = Array.from({ length: 100 }, () => slowClient(gateway.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nX-Pad: ${"a".repeat(1_000)}`, 100));
    const slowBody = Array.from({ length: 20 }, () =>
      slowClient(gateway.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${apiKey}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${"x".repeat(5_000)}`, 20),
    );
    const served: number[] = [];
    const latencies: number[] = [];
    for (let index = 0; index < 30; index += 1) {
      const started = performance.now();
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "hi" }] }),
      });
      await response.text();
      served.push(response.status);
      latencies.push(performance.now() - started);
    }
    const headerAnswers = await Promise.all(slowHeaders.map((client) => client.closed));
    const bodyAnswers = await Promise.all(slowBody.map((client) => client.closed));
    expect(served.every((status) => status === 200), JSON.stringify(served)).toBe(true);
    expect(headerAnswers.every((answer) => answer.status === 408), JSON.stringify(headerAnswers.map((answer) => [answer.status, Math.round(answer.afterMs), answer.text.slice(0, 60)]))).toBe(true);
    expect(bodyAnswers.every((answer) => answer.status === 408), JSON.stringify(bodyAnswers.map((answer) => [answer.status, Math.round(answer.afterMs), answer.text.slice(0, 60)]))).toBe(true);
    const headerClosedMs = Math.max(...headerAnswers.map((answer) => answer.afterMs));
    const bodyClosedMs = Math.max(...bodyAnswers.map((answer) => answer.afterMs));
    // The timers are checked every second: closed within the time-out plus that interval and some slack.
    expect(headerClosedMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4_000);
    expect(bodyClosedMs).toBeLessThan(REQUEST_TIMEOUT_MS + 4_000);
    reportFigures("slowloris", {
      slowHeaderClients: slowHeaders.length,
      slowBodyClients: slowBody.length,
      headerClosedAfterMs: Math.round(headerClosedMs),
      bodyClosedAfterMs: Math.round(bodyClosedMs),
      othersServed: `${served.filter((status) => status === 200).length}/${served.length}`,
      othersP99Ms: Math.round(Math.max(...latencies)),
    });
  }, 120_000);

  it("is alive, ready and not crashed at the end", async () => {
    expect(gateway.alive()).toBe(true);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    memory.endMiB = gateway.residentBytes() / MIB;
    reportFigures("gateway memory", rounded(memory));
  });
});

function rounded(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Math.round(value)]));
}
