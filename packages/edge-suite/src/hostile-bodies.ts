import fc from "fast-check";

/** A request body with the content type it claims. */
export interface HostileBody {
  path: string;
  contentType: string;
  body: Buffer;
}

export const JSON_ENDPOINTS = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/images/generations", "/v1/moderations"];
export const MULTIPART_ENDPOINTS = ["/v1/audio/transcriptions", "/v1/audio/translations", "/v1/images/edits"];

const VALID_CHAT = { model: "llmserve-demo", messages: [{ role: "user", content: "hi" }] };
const CHAT_FIELDS = ["model", "messages", "temperature", "top_p", "n", "max_tokens", "stream", "stop", "tools", "tool_choice", "response_format", "logit_bias", "stream_options", "user", "seed"];

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=latin1",
  "application/vnd.api+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
];

const bytes = (text: string) => Buffer.from(text, "utf8");

/** Valid JSON of any shape, mostly of the wrong one. */
const anyJson = fc.jsonValue({ maxDepth: 6 }).map((value) => bytes(JSON.stringify(value)));
/** A valid chat body with one field replaced by anything. */
const mutatedChat = fc.record({ field: fc.constantFrom(...CHAT_FIELDS), value: fc.jsonValue({ maxDepth: 4 }) }).map(({ field, value }) => bytes(JSON.stringify({ ...VALID_CHAT, [field]: value })));
/** JSON cut anywhere. */
const truncated = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.nat()).map(([value, cut]) => {
  const text = JSON.stringify({ ...VALID_CHAT, extra: value });
  return bytes(text.slice(0, cut % Math.max(1, text.length)));
});
/** Random bytes, including invalid UTF-8. */
const randomBytes = fc.uint8Array({ maxLength: 2_048 }).map((array) => Buffer.from(array));
/** A valid chat body whose message carries bytes that are not UTF-8. */
const invalidUtf8 = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((array) => {
  const garbage = Buffer.from(array.map((byte) => byte | 0x80));
  return Buffer.concat([bytes('{"model":"llmserve-demo","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28, 0xff]), garbage, bytes('"}]}')]);
});
/** Valid JSON text with lone surrogates and control characters escaped in it. */
const oddUnicode = fc.string({ unit: "binary", maxLength: 200 }).map((text) => bytes(JSON.stringify({ ...VALID_CHAT, messages: [{ role: "user", content: text }], user: text })));

export const hostileJsonBody: fc.Arbitrary<HostileBody> = fc.record({
  path: fc.constantFrom(...JSON_ENDPOINTS),
  contentType: fc.constantFrom(...CONTENT_TYPES),
  body: fc.oneof(anyJson, mutatedChat, truncated, randomBytes, invalidUtf8, oddUnicode),
});

const part = fc.record({
  name: fc.oneof(fc.constantFrom("model", "file", "prompt", "image", "response_format", "language", "temperature", "n", "size"), fc.string({ maxLength: 20 })),
  filename: fc.option(fc.string({ unit: "binary", maxLength: 30 }), { nil: undefined }),
  contentType: fc.option(fc.constantFrom("audio/mpeg", "image/png", "text/plain", "application/octet-stream", "x/\u0000"), { nil: undefined }),
  content: fc.uint8Array({ maxLength: 512 }),
});

/** A multipart body of random parts, sometimes cut short or under another boundary than declared. */
export const hostileMultipartBody: fc.Arbitrary<HostileBody> = fc
  .record({
    path: fc.constantFrom(...MULTIPART_ENDPOINTS),
    boundary: fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/),
    declared: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    parts: fc.array(part, { maxLength: 6 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ path, boundary, declared, parts, cut }) => {
    const pieces: Buffer[] = [];
    for (const { name, filename, contentType, content } of parts) {
      const disposition = `form-data; name="${name}"${filename === undefined ? "" : `; filename="${filename}"`}`;
      pieces.push(bytes(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${contentType ? `Content-Type: ${contentType}\r\n` : ""}\r\n`), Buffer.from(content), bytes("\r\n"));
    }
    pieces.push(bytes(`--${boundary}--\r\n`));
    const whole = Buffer.concat(pieces);
    const body = cut === undefined ? whole : whole.subarray(0, cut % Math.max(1, whole.length));
    return { path, contentType: `multipart/form-data; boundary=${declared ?? boundary}`, body };
  });
