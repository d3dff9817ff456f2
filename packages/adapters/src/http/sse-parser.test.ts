import { describe, expect, it } from "vitest";
import { parseSse, type SseEvent } from "./sse-parser.js";

async function collect(chunks: Array<string | Uint8Array>): Promise<SseEvent[]> {
  async function* source(): AsyncGenerator<string | Uint8Array> {
    yield* chunks;
  }
  const events: SseEvent[] = [];
  for await (const event of parseSse(source())) events.push(event);
  return events;
}

describe("parseSse", () => {
  it("parses LF-framed events with and without the space after the colon", async () => {
    const events = await collect(["data: {\"a\":1}\n\ndata:{\"b\":2}\n\n"]);
    expect(events.map((event) => event.data)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it("accepts CRLF and bare CR line endings", async () => {
    const events = await collect(["event: ping\r\ndata: one\r\n\r\ndata: two\r\rdata: three\n\n"]);
    expect(events).toEqual([
      { event: "ping", data: "one", id: undefined },
      { event: undefined, data: "two", id: undefined },
      { event: undefined, data: "three", id: undefined },
    ]);
  });

  it("handles a CRLF split between two network chunks without inventing an empty line", async () => {
    const events = await collect(["data: first\r", "\ndata: second\r", "\n\r", "\n"]);
    expect(events).toEqual([{ event: undefined, data: "first\nsecond", id: undefined }]);
  });

  it("ignores comment and keep-alive lines", async () => {
    const events = await collect([": keep-alive\n\n:ping\ndata: x\n\n: keep-alive\n\n"]);
    expect(events.map((event) => event.data)).toEqual(["x"]);
  });

  it("joins multi-line data with newlines", async () => {
    const events = await collect(["data: {\"text\":\ndata: \"hi\"}\n\n"]);
    expect(events[0]?.data).toBe('{"text":\n"hi"}');
    expect(JSON.parse(events[0]?.data ?? "")).toEqual({ text: "hi" });
  });

  it("reassembles an event split mid-line and mid-field across many chunks", async () => {
    const frame = 'event: content_block_delta\ndata: {"type":"content_block_delta","text":"Hello"}\n\n';
    const pieces = frame.match(/.{1,3}/gs) ?? [];
    const events = await collect(pieces);
    expect(events).toEqual([{ event: "content_block_delta", data: '{"type":"content_block_delta","text":"Hello"}', id: undefined }]);
  });

  it("decodes multi-byte UTF-8 characters split across byte chunks", async () => {
    const bytes = new TextEncoder().encode("data: 北京是中国的首都\n\n");
    const chunks = Array.from(bytes, (byte) => Uint8Array.of(byte));
    const events = await collect(chunks);
    expect(events[0]?.data).toBe("北京是中国的首都");
  });

  it("delivers a final event that lacks the trailing blank line", async () => {
    const events = await collect(["data: a\n\ndata: last"]);
    expect(events.map((event) => event.data)).toEqual(["a", "last"]);
  });

  it("records the event id, strips a BOM, and drops events with no data", async () => {
    const events = await collect(["\uFEFFevent: lonely\n\nid: 7\ndata: payload\n\n"]);
    expect(events).toEqual([{ event: undefined, data: "payload", id: "7" }]);
  });
});
