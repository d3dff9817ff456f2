import { readAll, type HttpRequest, type HttpResponse, type HttpTransport } from "./http-transport.js";

/** A recorded upstream answer. `body` may be split into network chunks to exercise parsers. */
export interface ReplayAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string | string[];
}

/** What the replay transport saw, with the body decoded for assertions. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON for JSON bodies, field map for FormData (files as `{filename, type, size}`). */
  body: unknown;
}

/**
 * An HttpTransport that never touches the network: it captures each outgoing request and answers
 * with the next recorded answer. Used by fixture tests (and usable by the gateway's unit tests).
 */
export class ReplayTransport implements HttpTransport {
  readonly requests: CapturedRequest[] = [];
  private readonly answers: ReplayAnswer[];

  constructor(answers: ReplayAnswer[]) {
    this.answers = [...answers];
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push({ method: request.method, url: request.url, headers: request.headers, body: await decodeBody(request.body) });
    const answer = this.answers.shift();
    if (answer === undefined) throw new Error(`ReplayTransport: no recorded answer left for ${request.method} ${request.url}`);
    return replayResponse(answer);
  }
}

function replayResponse(answer: ReplayAnswer): HttpResponse {
  const chunks = (Array.isArray(answer.body) ? answer.body : [answer.body]).map((text) => new TextEncoder().encode(text));
  const body: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
  };
  return {
    status: answer.status ?? 200,
    headers: Object.fromEntries(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    body,
    text: () => readAll(body),
    json: async () => JSON.parse(await readAll(body)) as unknown,
    dispose: () => undefined,
  };
}

async function decodeBody(body: HttpRequest["body"]): Promise<unknown> {
  if (body === undefined) return undefined;
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of body.entries()) {
    const decoded = typeof value === "string" ? value : { filename: value.name, type: value.type, size: value.size };
    const existing = fields[name];
    fields[name] = existing === undefined ? decoded : Array.isArray(existing) ? [...existing, decoded] : [existing, decoded];
  }
  return fields;
}
