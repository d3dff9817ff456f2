import { setTimeout as sleep } from "node:timers/promises";
import { Router, type Request, type Response } from "express";
import { toAppError } from "@llm-serve/common";
import type { analyticsV1 } from "@llm-serve/proto";
import type { ServiceClient } from "@llm-serve/grpc";
import { principalOf } from "../http/authenticate.js";
import { meterRequest } from "../http/meter-request.js";
import { toOpenAIError } from "../http/openai-error.js";
import { SseWriter } from "../http/sse-writer.js";
import { locals } from "../http/request-context.js";
import type { Principal } from "../ports/authenticator.js";
import type { QuotaGate } from "../ports/quota-gate.js";
import type { StreamSessions } from "../ports/stream-sessions.js";
import { PlatformStatus, type PlatformStatusDeps } from "./platform-status.js";

export interface MonitoringDeps extends PlatformStatusDeps {
  analytics: ServiceClient<typeof analyticsV1.AnalyticsServiceService>;
  intervalMs: () => number;
  quota: QuotaGate;
  streams: StreamSessions;
  /** Shared with GET /admin/status (one cached sample for both); built here when absent. */
  status?: PlatformStatus;
}

/** What the JSON-or-SSE answer needs (GET /v1/usage is served by analytics/usage-route.ts with it). */
export type SampledStreamDeps = Pick<MonitoringDeps, "intervalMs" | "quota" | "streams">;

export interface Sampled {
  key: "status" | "metrics";
  endpoint: "status" | "usage";
  produce: () => Promise<unknown>;
}

function wantsStream(request: Request): boolean {
  return request.query.stream === "true" || (request.headers.accept ?? "").includes("text/event-stream");
}

/**
 * JSON once, or — with `Accept: text/event-stream` or `?stream=true` — SSE pushing
 * `{timestamp, <key>}` every interval until the client goes away (seed §4.2.2). Every answer and
 * every push counts against the key's request limits; a key has at most N streams open, and its
 * streams end (with an error event) when it is revoked, changed or expires.
 */
export async function jsonOrStream(deps: SampledStreamDeps, request: Request, response: Response, sampled: Sampled): Promise<void> {
  const principal = principalOf(response);
  const { requestId } = locals(response);
  if (!wantsStream(request)) {
    response.set(await meterRequest(deps.quota, principal, sampled.endpoint, requestId));
    response.json(await sampled.produce());
    return;
  }
  const session = deps.streams.open(principal);
  const sse = new SseWriter(response);
  try {
    // Refusals before the stream starts are ordinary error answers (429 and its headers).
    const headers = await meterRequest(deps.quota, principal, sampled.endpoint, requestId);
    const closed = new AbortController();
    response.once("close", () => closed.abort());
    sse.start(headers);
    await pushSamples(deps, { principal, requestId, sampled, sse, response }, AbortSignal.any([session.signal, closed.signal]));
    if (session.signal.aborted) await sse.error({ error: { message: KEY_ENDED, type: "invalid_request_error", param: null, code: "invalid_api_key" } });
  } catch (error) {
    if (!sse.started) throw error;
    // Once the stream has started, a refusal (e.g. the key's request limit) is its final event.
    await sse.error(toOpenAIError(toAppError(error), requestId).body);
  } finally {
    session.close();
    if (sse.started) sse.end();
  }
}

const KEY_ENDED = "This API key was revoked, changed or has expired: the stream is closed.";

interface Pushing {
  principal: Principal;
  requestId: string;
  sampled: Sampled;
  sse: SseWriter;
  response: Response;
}

/** One sample per interval, each counted against the key's request limits, until `stop`. */
async function pushSamples(deps: SampledStreamDeps, pushing: Pushing, stop: AbortSignal): Promise<void> {
  const { principal, requestId, sampled, sse, response } = pushing;
  for (let first = true; !stop.aborted; first = false) {
    if (!first) await meterRequest(deps.quota, principal, sampled.endpoint, requestId);
    const value = await sampled.produce().catch((error: unknown) => {
      locals(response).logger.warn({ err: error }, "monitoring sample failed");
      return undefined;
    });
    if (value !== undefined && !stop.aborted) await sse.data({ timestamp: new Date().toISOString(), [sampled.key]: value });
    await sleep(deps.intervalMs(), undefined, { signal: stop, ref: false }).catch(() => undefined);
  }
}

/** GET /v1/status (GET /v1/usage: analytics/usage-route.ts). */
export function monitoringRouter(deps: MonitoringDeps): Router {
  const router = Router();
  const status = deps.status ?? new PlatformStatus(deps);
  router.get("/v1/status", (request, response) =>
    jsonOrStream(deps, request, response, { key: "status", endpoint: "status", produce: () => status.of(principalOf(response)) }),
  );
  return router;
}
