import { callUpstream, callUpstreamJson, type JsonAnswer } from "../http/call-upstream.js";
import type { HttpResponse, HttpTransport } from "../http/http-transport.js";
import type { CallContext } from "../spec/call-context.js";
import type { OpenAICompatibleSettings } from "./openai-compatible-settings.js";

/** The settings + transport pair every OpenAI-shaped endpoint function receives. */
export interface OpenAIEndpointDeps {
  settings: OpenAICompatibleSettings;
  transport: HttpTransport;
}

export async function buildHeaders(deps: OpenAIEndpointDeps, context: CallContext, json: boolean): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    ...(json ? { "content-type": "application/json" } : {}),
    ...(await deps.settings.authHeaders(context.config)),
    ...context.config.headers,
  };
  if (context.requestId !== undefined) headers["x-request-id"] = context.requestId;
  return headers;
}

export async function postJson(deps: OpenAIEndpointDeps, path: string, model: string, body: unknown, context: CallContext): Promise<JsonAnswer> {
  return callUpstreamJson(deps.transport, {
    provider: deps.settings.provider,
    method: "POST",
    url: deps.settings.endpointUrl(context.config, path, model),
    headers: await buildHeaders(deps, context, true),
    body: JSON.stringify(body),
    context,
    parseError: deps.settings.parseError,
  });
}

/** Opens a streaming POST; the caller reads the SSE body. */
export async function postForStream(deps: OpenAIEndpointDeps, path: string, model: string, body: unknown, context: CallContext): Promise<HttpResponse> {
  const headers = { ...(await buildHeaders(deps, context, true)), accept: "text/event-stream" };
  return callUpstream(deps.transport, {
    provider: deps.settings.provider,
    method: "POST",
    url: deps.settings.endpointUrl(context.config, path, model),
    headers,
    body: JSON.stringify(body),
    context,
    parseError: deps.settings.parseError,
  });
}

/** A multipart POST (audio, image edits); returns the open response (JSON or text body). */
export async function postForm(deps: OpenAIEndpointDeps, path: string, model: string, form: FormData, context: CallContext): Promise<HttpResponse> {
  return callUpstream(deps.transport, {
    provider: deps.settings.provider,
    method: "POST",
    url: deps.settings.endpointUrl(context.config, path, model),
    headers: await buildHeaders(deps, context, false),
    body: form,
    context,
    parseError: deps.settings.parseError,
  });
}

export async function getJson(deps: OpenAIEndpointDeps, path: string, context: CallContext): Promise<JsonAnswer> {
  return callUpstreamJson(deps.transport, {
    provider: deps.settings.provider,
    method: "GET",
    url: deps.settings.endpointUrl(context.config, path, ""),
    headers: await buildHeaders(deps, context, false),
    context,
    parseError: deps.settings.parseError,
  });
}
