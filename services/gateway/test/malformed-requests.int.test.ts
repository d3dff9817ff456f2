import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

interface Malformed {
  name: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

const JSON_ENDPOINTS = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/images/generations", "/v1/moderations"];
const MULTIPART_ENDPOINTS = ["/v1/audio/transcriptions", "/v1/audio/translations", "/v1/images/edits"];
const JSON_TYPE = { "content-type": "application/json" };

const VALID: Record<string, Record<string, unknown>> = {
  "/v1/chat/completions": { model: "llmserve-demo", messages: [{ role: "user", content: "hi" }] },
  "/v1/completions": { model: "llmserve-demo", prompt: "hi" },
  "/v1/embeddings": { model: "llmserve-demo", input: "hi" },
  "/v1/images/generations": { model: "llmserve-demo", prompt: "a cat" },
  "/v1/moderations": { model: "llmserve-demo", input: "hi" },
};

const NUMBER_WRONG = ["x", {}, [], true];
const POSITIVE_INT_WRONG = [0, -5, 1.5, ...NUMBER_WRONG];
const STRING_WRONG = [5, {}, [], true];
const BOOLEAN_WRONG = ["yes", 1, {}, []];
const STOP_WRONG = [42, [1], ["a", "b", "c", "d", "e"], {}, [], true];

/** For each endpoint, values that OpenAI's schema rejects, field by field. */
const WRONG: Record<string, Record<string, unknown[]>> = {
  "/v1/chat/completions": {
    model: [null, 42, true, [], {}, ""],
    messages: [null, 42, "hi", {}, [], [1], [null], [{}], [{ role: "user" }], [{ role: "x", content: "y" }]],
    temperature: [-1, 2.5, ...NUMBER_WRONG],
    top_p: [-0.1, 1.5, ...NUMBER_WRONG],
    n: [129, ...POSITIVE_INT_WRONG],
    max_tokens: POSITIVE_INT_WRONG,
    max_completion_tokens: POSITIVE_INT_WRONG,
    stream: BOOLEAN_WRONG,
    stop: STOP_WRONG,
    presence_penalty: [-2.5, 3, ...NUMBER_WRONG],
    frequency_penalty: [-2.5, 3, ...NUMBER_WRONG],
    logit_bias: [{ "1": 101 }, { "1": "x" }, [], "x", 5],
    logprobs: ["true", 1, {}],
    top_logprobs: [21, -1, "x"],
    response_format: [{ type: "yaml" }, "json", 5, {}, []],
    tools: [{}, "x", [{}], [{ type: "function" }], [{ type: "function", function: { name: "bad name" } }], [{ type: "function", function: {} }]],
    tool_choice: ["sometimes", 5, { type: "function" }, { type: "function", function: {} }, []],
    parallel_tool_calls: ["yes", 1],
    user: STRING_WRONG,
    seed: [1.5, "x", {}],
    stream_options: [{ include_usage: true }, "x", 5],
  },
  "/v1/completions": {
    model: [null, 42, true, [], {}, ""],
    prompt: [null, 5, {}, [], [null], [{}], [-1], [[]], true],
    max_tokens: POSITIVE_INT_WRONG,
    n: [129, ...POSITIVE_INT_WRONG],
    temperature: [-1, 2.5, ...NUMBER_WRONG],
    top_p: [-0.1, 1.5, ...NUMBER_WRONG],
    best_of: [-1, 21, "x"],
    logprobs: [6, -1, "x"],
    echo: ["x", 1],
    suffix: [5, {}],
    stream: BOOLEAN_WRONG,
    stop: STOP_WRONG,
    presence_penalty: [-2.5, 3, "x"],
  },
  "/v1/embeddings": {
    model: [null, 42, true, [], {}, ""],
    input: [null, 5, {}, [], [null], [{}], [[]], [-1], ["a", 5], true],
    encoding_format: ["hex", 5, null],
    dimensions: [0, -1, 1.5, "x"],
    user: STRING_WRONG,
  },
  "/v1/images/generations": {
    prompt: [null, 5, "", {}, []],
    model: [5, {}, ""],
    n: [11, ...POSITIVE_INT_WRONG],
    size: [5, {}, ""],
    response_format: ["gif", 5],
    quality: [5, {}],
    style: [5, {}],
    user: STRING_WRONG,
  },
  "/v1/moderations": {
    input: [null, 5, {}, [], [5], [{ type: "video" }], [{ type: "text" }], [{ type: "image_url", image_url: {} }]],
    model: [5, {}, ""],
  },
};

const BAD_JSON = ['{"model": "x", ', "{model: 1}", "[1,2,3]", '"just a string"', "12", "null", '{"a":1}}', "{'single': 'quotes'}", '{"model":"x","messages":[{"role":"user","content":"hi"}]', "\uFEFF{", "{\"a\":NaN}", "", " ", "{\"model\":\"x\"} trailing"];

function jsonCases(): Malformed[] {
  const cases: Malformed[] = [];
  for (const path of JSON_ENDPOINTS) {
    const valid = VALID[path]!;
    for (const body of BAD_JSON) cases.push({ name: `bad json ${JSON.stringify(body)}`, path, headers: JSON_TYPE, body });
    // Every field, set to each value the schema rejects.
    for (const [field, values] of Object.entries(WRONG[path] ?? {})) {
      for (const value of values) cases.push({ name: `${field}=${JSON.stringify(value)}`, path, headers: JSON_TYPE, body: JSON.stringify({ ...valid, [field]: value }) });
    }
    for (const field of Object.keys(valid).filter((name) => name !== "model" || !path.includes("images") && !path.includes("moderations"))) {
      const { [field]: _dropped, ...missing } = valid;
      cases.push({ name: `missing ${field}`, path, headers: JSON_TYPE, body: JSON.stringify(missing) });
    }
    for (const contentType of ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png"]) {
      cases.push({ name: `content-type ${contentType}`, path, headers: { "content-type": contentType }, body: JSON.stringify(valid) });
    }
    cases.push({ name: "no content-type", path, headers: {}, body: JSON.stringify(valid) });
    for (const charset of ["klingon", "latin1-ish", "ucs-4"]) cases.push({ name: `charset ${charset}`, path, headers: { "content-type": `application/json; charset=${charset}` }, body: JSON.stringify(valid) });
    cases.push({ name: "gzip claimed, plain sent", path, headers: { ...JSON_TYPE, "content-encoding": "gzip" }, body: JSON.stringify(valid) });
    cases.push({ name: "unknown encoding", path, headers: { ...JSON_TYPE, "content-encoding": "zstd-ish" }, body: JSON.stringify(valid) });
    cases.push({ name: "deeply nested", path, headers: JSON_TYPE, body: `{"model":"llmserve-demo","x":${"[".repeat(5000)}${"]".repeat(5000)}}` });
    cases.push({ name: "invalid utf-8", path, headers: JSON_TYPE, body: Buffer.concat([Buffer.from('{"model":"'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('"}')]) });
    cases.push({ name: "huge body", path, headers: JSON_TYPE, body: JSON.stringify({ ...valid, padding: "x".repeat(200 * 1024) }) });
    cases.push({ name: "unknown model", path, headers: JSON_TYPE, body: JSON.stringify({ ...valid, model: "no-such-model" }) });
  }
  return cases;
}

function chatMessageCases(): Malformed[] {
  const messages: unknown[] = [
    [],
    [{}],
    [{ role: "user" }],
    [{ role: "wizard", content: "hi" }],
    [{ role: "tool", content: "x" }],
    [{ role: "user", content: [{ type: "video", url: "x" }] }],
    [{ role: "user", content: [{ type: "image_url", image_url: {} }] }],
    [{ role: "assistant", tool_calls: [{ id: "1", type: "function" }] }],
    [{ role: "function", content: "x" }],
    "hello",
    [null],
    [{ role: "user", content: null }],
    [{ role: "user", content: [] }],
    [{ role: "user", content: [{ type: "text" }] }],
    [{ role: "user", content: [{ type: "text", text: 5 }] }],
    [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "x", format: "ogg" } }] }],
    [{ role: "user", content: [{ type: "image_url", image_url: { url: "x", detail: "ultra" } }] }],
    [{ role: "system", content: [{ type: "image_url", image_url: { url: "x" } }] }],
    [{ role: "developer" }],
    [{ role: "assistant", content: 5 }],
    [{ role: "assistant", tool_calls: "call" }],
    [{ role: "tool", tool_call_id: "", content: "x" }],
    [{ role: "user", content: "hi", name: 5 }],
  ];
  const extras: Record<string, unknown>[] = [
    { temperature: 3 },
    { top_p: 2 },
    { n: 0 },
    { n: 1000 },
    { max_tokens: 0 },
    { stream: "yes" },
    { stream_options: { include_usage: true } },
    { stop: ["a", "b", "c", "d", "e"] },
    { logit_bias: { "1": 500 } },
    { top_logprobs: 5 },
    { tools: [{ type: "function", function: { name: "bad name!" } }] },
    { tool_choice: "sometimes" },
    { response_format: { type: "yaml" } },
    { presence_penalty: -3 },
    { response_format: { type: "json_schema" } },
    { response_format: { type: "json_schema", json_schema: { name: "bad name!" } } },
    { tools: [{ type: "function", function: { name: "ok", parameters: "not an object" } }] },
    { tool_choice: { type: "function" } },
    { logprobs: true, top_logprobs: 30 },
    { stream: true, stream_options: "usage" },
    { n: 2, stop: [""] , max_completion_tokens: -1 },
    { metadata: "x", temperature: "warm" },
    { seed: "forty-two" },
    { parallel_tool_calls: "sometimes" },
  ];
  const base = VALID["/v1/chat/completions"]!;
  return [
    ...messages.map((value) => ({ name: `messages=${JSON.stringify(value)}`, path: "/v1/chat/completions", headers: JSON_TYPE, body: JSON.stringify({ ...base, messages: value }) })),
    ...extras.map((extra) => ({ name: JSON.stringify(extra), path: "/v1/chat/completions", headers: JSON_TYPE, body: JSON.stringify({ ...base, ...extra }) })),
  ];
}

function multipart(boundary: string, parts: Array<{ name: string; value: string | Buffer; filename?: string }>, terminate = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ""}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.filename ? "Content-Type: application/octet-stream\r\n" : ""}\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from("\r\n"));
  }
  if (terminate) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function multipartCases(): Malformed[] {
  const cases: Malformed[] = [];
  const boundary = "llmsBoundary7MA4YWxkTrZu0gW";
  const type = { "content-type": `multipart/form-data; boundary=${boundary}` };
  const file = { name: "file", value: Buffer.alloc(64, 1), filename: "a.wav" };
  const image = { name: "image", value: Buffer.alloc(64, 2), filename: "a.png" };
  for (const path of MULTIPART_ENDPOINTS) {
    const upload = path.includes("images") ? image : file;
    const required = path.includes("images") ? [{ name: "prompt", value: "x" }, { name: "model", value: "llmserve-demo" }] : [{ name: "model", value: "llmserve-demo" }];
    cases.push({ name: "json instead of multipart", path, headers: JSON_TYPE, body: JSON.stringify({ model: "llmserve-demo" }) });
    cases.push({ name: "no boundary", path, headers: { "content-type": "multipart/form-data" }, body: multipart(boundary, [upload, ...required]) });
    cases.push({ name: "wrong boundary", path, headers: { "content-type": "multipart/form-data; boundary=other" }, body: multipart(boundary, [upload, ...required]) });
    cases.push({ name: "truncated", path, headers: type, body: multipart(boundary, [upload, ...required], false).subarray(0, 60) });
    cases.push({ name: "no file", path, headers: type, body: multipart(boundary, required) });
    cases.push({ name: "no model or prompt", path, headers: type, body: multipart(boundary, [upload]) });
    cases.push({ name: "empty body", path, headers: type, body: Buffer.alloc(0) });
    cases.push({ name: "garbage", path, headers: type, body: Buffer.from("\x00\x01garbage--\r\n\r\n--") });
    cases.push({ name: "too large", path, headers: type, body: multipart(boundary, [{ ...upload, value: Buffer.alloc(300 * 1024, 3) }, ...required]) });
    const badFields = path.includes("images")
      ? [{ name: "n", value: "many" }, { name: "n", value: "50" }, { name: "response_format", value: "gif" }]
      : [{ name: "temperature", value: "hot" }, { name: "temperature", value: "5" }, { name: "response_format", value: "mp3" }, { name: "stream", value: "maybe" }, { name: "timestamp_granularities[]", value: "hour" }];
    for (const field of badFields) cases.push({ name: `${field.name}=${field.value}`, path, headers: type, body: multipart(boundary, [upload, ...required, field]) });
    cases.push({ name: "unknown model", path, headers: type, body: multipart(boundary, [upload, ...required.filter((part) => part.name !== "model"), { name: "model", value: "no-such-model" }]) });
    cases.push({ name: "file sent as a field", path, headers: type, body: multipart(boundary, [{ name: upload.name, value: "not a file" }, ...required]) });
    cases.push({ name: "too many files", path, headers: type, body: multipart(boundary, [...Array.from({ length: 20 }, () => upload), ...required]) });
    cases.push({ name: "field too long", path, headers: type, body: multipart(boundary, [upload, ...required, { name: "prompt", value: "p".repeat(1_100_000) }]) });
    cases.push({ name: "only the closing boundary", path, headers: type, body: Buffer.from(`--${boundary}--\r\n`) });
    cases.push({ name: "part without a name", path, headers: type, body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--\r\n`) });
    cases.push({ name: "header without end", path, headers: type, body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="model"`) });
  }
  return cases;
}

describe("malformed requests", () => {
  let platform: Platform;
  let key: string;

  beforeAll(async () => {
    platform = await startPlatform({ GATEWAY_MAX_BODY_BYTES: String(128 * 1024), GATEWAY_MAX_UPLOAD_BYTES: String(256 * 1024) });
    key = (await platform.createKey()).secret;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("get 4xx OpenAI-shaped errors, never a 5xx, and leave the gateway healthy", async () => {
    const cases = [...jsonCases(), ...chatMessageCases(), ...multipartCases()];
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const testCase of cases) {
      const response = await fetch(`${platform.gateway.url}${testCase.path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, ...testCase.headers },
        body: testCase.body,
      });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      let body: { error?: Record<string, unknown> } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = undefined;
      }
      const shaped = body?.error !== undefined && ["message", "type", "param", "code"].every((name) => name in body!.error!);
      if (response.status < 400 || response.status >= 500 || !shaped || !response.headers.get("x-request-id") || text.includes("    at ")) {
        failures.push(`${testCase.path} ${testCase.name} -> ${response.status} ${text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect([...statuses.keys()].every((status) => status >= 400 && status < 500)).toBe(true);
    expect(statuses.get(413)).toBeGreaterThan(0);
    expect(statuses.get(415)).toBeGreaterThan(0);
    expect(statuses.get(404)).toBeGreaterThan(0);
    const health = await fetch(`${platform.gateway.url}/readyz`);
    expect(health.status).toBe(200);
  });
});
