import type { CallContext } from "../spec/call-context.js";
import { UpstreamError } from "../spec/upstream-error.js";
import type { HttpRequest, HttpResponse, HttpTransport } from "./http-transport.js";
import { resolveTimeouts } from "./resolve-timeouts.js";

/** A non-2xx answer, handed to the vendor's error parser. */
export interface HttpFailure {
  provider: string;
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
}

export type ErrorParser = (failure: HttpFailure) => UpstreamError;

export interface UpstreamCall {
  provider: string;
  method: HttpRequest["method"];
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
  context: CallContext;
  parseError: ErrorParser;
}

const MAX_ERROR_BODY_CHARS = 16_384;

/** Sends the call; a non-2xx status becomes the vendor's UpstreamError. Returns the open response. */
export async function callUpstream(transport: HttpTransport, call: UpstreamCall): Promise<HttpResponse> {
  const request: HttpRequest = {
    provider: call.provider,
    method: call.method,
    url: call.url,
    headers: call.headers,
    body: call.body,
    timeouts: resolveTimeouts(call.context.timeouts, call.context.deadline),
    signal: call.context.signal,
  };
  const response = await transport.send(request);
  if (response.status >= 200 && response.status < 300) return response;
  const bodyText = (await response.text()).slice(0, MAX_ERROR_BODY_CHARS);
  throw call.parseError({
    provider: call.provider,
    status: response.status,
    headers: response.headers,
    bodyText,
    json: parseJsonOrUndefined(bodyText),
  });
}

export interface JsonAnswer {
  json: unknown;
  status: number;
  headers: Record<string, string>;
}

/** callUpstream + read the whole body as JSON (a non-JSON 2xx body is a protocol error). */
export async function callUpstreamJson(transport: HttpTransport, call: UpstreamCall): Promise<JsonAnswer> {
  const response = await callUpstream(transport, call);
  const text = await response.text();
  const json = parseJsonOrUndefined(text);
  if (json === undefined) {
    throw new UpstreamError({
      provider: call.provider,
      status: 502,
      type: "protocol",
      message: "Upstream answered with a body that is not JSON",
      body: text.slice(0, 2_000),
    });
  }
  return { json, status: response.status, headers: response.headers };
}

export function parseJsonOrUndefined(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

export function protocolError(provider: string, message: string, body?: unknown): UpstreamError {
  return new UpstreamError({ provider, status: 502, type: "protocol", message, body });
}
