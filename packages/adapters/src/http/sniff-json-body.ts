import type { HttpResponse } from "./http-transport.js";

export type SniffedBody = { kind: "json"; text: string } | { kind: "stream"; body: AsyncIterable<Uint8Array> };

/**
 * Some vendors (Baidu Wenxin v1) answer a streaming request with a plain JSON error object — no
 * `data:` prefix, sometimes even under a text/event-stream content type. Look at the first
 * non-blank byte: `{` means a whole JSON body; anything else is an event stream, re-assembled
 * with the bytes already read.
 */
export async function sniffJsonBody(response: HttpResponse): Promise<SniffedBody> {
  const iterator = response.body[Symbol.asyncIterator]();
  const seen: Uint8Array[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return { kind: "json", text: decode(seen) };
    seen.push(next.value);
    const first = firstNonBlankByte(next.value);
    if (first === undefined) continue;
    if (first !== 0x7b) return { kind: "stream", body: replay(seen, iterator) };
    for (let rest = await iterator.next(); rest.done !== true; rest = await iterator.next()) seen.push(rest.value);
    return { kind: "json", text: decode(seen) };
  }
}

function firstNonBlankByte(chunk: Uint8Array): number | undefined {
  for (const byte of chunk) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}

function decode(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join("") + decoder.decode();
}

function replay(seen: Uint8Array[], iterator: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* seen;
      try {
        for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
      } finally {
        await iterator.return?.();
      }
    },
  };
}
