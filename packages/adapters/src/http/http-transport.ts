import type { Timeouts } from "../spec/call-context.js";

/** A request as adapters describe it; the transport owns sockets, pools, timeouts and aborts. */
export interface HttpRequest {
  provider: string;
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
  timeouts: Timeouts;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Read at most once. Transport failures while reading surface as UpstreamError. */
  body: AsyncIterable<Uint8Array>;
  text(): Promise<string>;
  json(): Promise<unknown>;
  /** Releases the connection without reading the rest (closes it when the body is unfinished). */
  dispose(): void;
}

export interface HttpTransport {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}
