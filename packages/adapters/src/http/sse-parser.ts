export interface SseEvent {
  /** The `event:` name, when the vendor sends one. */
  event: string | undefined;
  /** All `data:` lines of the event joined with `\n`. */
  data: string;
  id: string | undefined;
}

/**
 * Server-sent events from a byte stream. Accepts LF, CRLF and CR line endings (even when a CRLF is
 * split across network chunks), comments/keep-alives, `data:` with or without the space, multi-line
 * data, and events split anywhere across chunks. A final event without the trailing blank line is
 * still delivered: Gemini and Baidu close the connection right after their last event.
 */
export async function* parseSse(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  const builder = new EventBuilder();
  let buffer = "";
  let atStart = true;
  for await (const chunk of source) {
    buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (atStart && buffer.length > 0) {
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
      atStart = false;
    }
    const { lines, rest } = splitCompleteLines(buffer);
    buffer = rest;
    for (const line of lines) {
      const event = builder.acceptLine(line);
      if (event !== undefined) yield event;
    }
  }
  buffer += decoder.decode();
  const { lines, rest } = splitCompleteLines(buffer, true);
  if (rest.length > 0) lines.push(rest);
  for (const line of lines) {
    const event = builder.acceptLine(line);
    if (event !== undefined) yield event;
  }
  const last = builder.flush();
  if (last !== undefined) yield last;
}

function splitCompleteLines(buffer: string, atEnd = false): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  for (let index = 0; index < buffer.length; index += 1) {
    const code = buffer.charCodeAt(index);
    if (code === 10) {
      lines.push(buffer.slice(start, index));
      start = index + 1;
    } else if (code === 13) {
      // A CR at the very end may be the first half of a CRLF still in flight.
      if (index === buffer.length - 1 && !atEnd) break;
      lines.push(buffer.slice(start, index));
      if (buffer.charCodeAt(index + 1) === 10) index += 1;
      start = index + 1;
    }
  }
  return { lines, rest: buffer.slice(start) };
}

class EventBuilder {
  private dataLines: string[] = [];
  private eventName: string | undefined;
  private lastEventId: string | undefined;

  acceptLine(line: string): SseEvent | undefined {
    if (line === "") return this.flush();
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.dataLines.push(value);
    else if (field === "event") this.eventName = value;
    else if (field === "id") this.lastEventId = value;
    return undefined;
  }

  flush(): SseEvent | undefined {
    const hasData = this.dataLines.length > 0;
    const event: SseEvent = { event: this.eventName, data: this.dataLines.join("\n"), id: this.lastEventId };
    this.dataLines = [];
    this.eventName = undefined;
    return hasData ? event : undefined;
  }
}
