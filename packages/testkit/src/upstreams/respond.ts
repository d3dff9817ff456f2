import type { ServerResponse } from "node:http";
import { delay, type MockKnobs } from "./mock-knobs.js";

/** Writes a whole JSON (or text) answer after the configured latency. */
export async function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  knobs: MockKnobs = {},
  headers: Record<string, string> = {},
): Promise<void> {
  await delay(knobs.latencyMs);
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export async function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  contentType: string,
  knobs: MockKnobs = {},
  headers: Record<string, string> = {},
): Promise<void> {
  await delay(knobs.latencyMs);
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Formats one SSE event the way most vendors do: optional `event:` line, one `data:` line, blank line. */
export function sseFrame(data: string, eventName?: string): string {
  return `${eventName === undefined ? "" : `event: ${eventName}\n`}data: ${data}\n\n`;
}

/**
 * Streams pre-formatted SSE frames with the knobs applied: latency before headers, delay before the
 * first event and between events, events cut into `splitBytes` pieces written separately, and a hard
 * disconnect after N events.
 */
export async function streamFrames(
  response: ServerResponse,
  frames: string[],
  knobs: MockKnobs = {},
  headers: Record<string, string> = {},
): Promise<void> {
  await delay(knobs.latencyMs);
  response.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    ...headers,
  });
  response.flushHeaders();
  await delay(knobs.firstEventDelayMs);
  for (let index = 0; index < frames.length; index += 1) {
    if (response.destroyed) return;
    if (knobs.disconnectAfterEvents !== undefined && index >= knobs.disconnectAfterEvents) {
      response.socket?.destroy();
      return;
    }
    if (index > 0) await delay(knobs.chunkDelayMs);
    await writeFrame(response, frames[index] ?? "", knobs.splitBytes);
  }
  if (!response.destroyed) response.end();
}

async function writeFrame(response: ServerResponse, frame: string, splitBytes: number | undefined): Promise<void> {
  if (splitBytes === undefined || splitBytes <= 0) {
    response.write(frame);
    return;
  }
  const bytes = Buffer.from(frame, "utf8");
  for (let offset = 0; offset < bytes.length; offset += splitBytes) {
    if (response.destroyed) return;
    response.write(bytes.subarray(offset, offset + splitBytes));
    // Yield to the event loop so each piece leaves as its own TCP write.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
