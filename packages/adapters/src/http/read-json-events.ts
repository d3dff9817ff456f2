import type { HttpResponse } from "./http-transport.js";
import { parseSse } from "./sse-parser.js";
import { protocolError } from "./call-upstream.js";

export interface JsonEvent {
  event: string | undefined;
  json: unknown;
}

/** SSE events of a response with their data parsed as JSON; `[DONE]` ends the stream. */
export async function* readJsonEvents(provider: string, response: HttpResponse): AsyncGenerator<JsonEvent> {
  for await (const event of parseSse(response.body)) {
    const data = event.data.trim();
    if (data === "[DONE]") return;
    if (data === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(data) as unknown;
    } catch {
      throw protocolError(provider, "Upstream stream event is not JSON", data.slice(0, 500));
    }
    yield { event: event.event, json };
  }
}
