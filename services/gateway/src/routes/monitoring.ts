import { Router, type Request, type Response } from "express";
import { discoveryName, type NacosClient } from "@llm-serve/common";
import type { analyticsV1 } from "@llm-serve/proto";
import type { ServiceClient } from "@llm-serve/grpc";
import { principalOf } from "../http/authenticate.js";
import { SseWriter } from "../http/sse-writer.js";
import { locals } from "../http/request-context.js";
import type { DeploymentRouter } from "../ports/deployment-router.js";
import type { Principal } from "../ports/authenticator.js";

const PLATFORM_SERVICES = ["gateway", "auth-key", "quota", "billing", "model-registry", "assistant", "analytics"] as const;

export interface MonitoringDeps {
  router: DeploymentRouter;
  analytics: ServiceClient<typeof analyticsV1.AnalyticsServiceService>;
  nacos: NacosClient;
  nacosGroup: string;
  instance: { id: string; version: string; startedAt: number };
  intervalMs: () => number;
}

function wantsStream(request: Request): boolean {
  return request.query.stream === "true" || (request.headers.accept ?? "").includes("text/event-stream");
}

/**
 * JSON once, or — with `Accept: text/event-stream` or `?stream=true` — SSE pushing
 * `{timestamp, <key>}` every interval until the client goes away (seed §4.2.2).
 */
async function jsonOrStream(request: Request, response: Response, key: "status" | "metrics", intervalMs: number, produce: () => Promise<unknown>): Promise<void> {
  if (!wantsStream(request)) {
    response.json(await produce());
    return;
  }
  const sse = new SseWriter(response);
  sse.start({});
  let open = true;
  response.once("close", () => (open = false));
  while (open) {
    const value = await produce().catch((error: unknown) => {
      locals(response).logger.warn({ err: error }, "monitoring sample failed");
      return undefined;
    });
    if (value !== undefined) await sse.data({ timestamp: new Date().toISOString(), [key]: value });
    await new Promise((resolve) => setTimeout(resolve, intervalMs).unref());
  }
  sse.end();
}

async function platformStatus(deps: MonitoringDeps, principal: Principal) {
  const services = await Promise.all(
    PLATFORM_SERVICES.map(async (service) => {
      const instances = await deps.nacos.listInstances(discoveryName(service), deps.nacosGroup, true).catch(() => undefined);
      return [service, instances === undefined ? "unknown" : instances.length > 0 ? "up" : "down", instances?.length ?? 0] as const;
    }),
  );
  const models = deps.router.listModels(principal).map((model) => ({ id: model.id, status: "available" }));
  const allUp = services.every(([, state]) => state === "up");
  return {
    status: allUp ? "operational" : "degraded",
    gateway: { instance_id: deps.instance.id, version: deps.instance.version, uptime_seconds: Math.floor((Date.now() - deps.instance.startedAt) / 1000) },
    services: Object.fromEntries(services.map(([service, state, count]) => [service, { status: state, instances: count }])),
    models,
  };
}

async function usageMetrics(deps: MonitoringDeps, principal: Principal, requestId: string) {
  const summary = await deps.analytics.getUsageSummary({ projectId: principal.projectId }, { requestId });
  return {
    object: "usage",
    project_id: principal.projectId,
    requests: summary.requests,
    prompt_tokens: summary.promptTokens,
    completion_tokens: summary.completionTokens,
    total_tokens: summary.totalTokens,
  };
}

/** GET /v1/status and GET /v1/usage. */
export function monitoringRouter(deps: MonitoringDeps): Router {
  const router = Router();
  router.get("/v1/status", (request, response) => jsonOrStream(request, response, "status", deps.intervalMs(), () => platformStatus(deps, principalOf(response))));
  router.get("/v1/usage", (request, response) =>
    jsonOrStream(request, response, "metrics", deps.intervalMs(), () => usageMetrics(deps, principalOf(response), locals(response).requestId)),
  );
  return router;
}
