import cluster from "node:cluster";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import { loadEncoder } from "@llm-serve/adapters";
import { createLogger, loadConfig, type Environment, type Logger } from "@llm-serve/common";
import { ServiceRuntime, liveConfig, type StartedService } from "@llm-serve/grpc";
import { analyticsV1, assistantV1, gatewayInferenceV1, gatewayV1 } from "@llm-serve/proto";
import { assistantsRouter } from "./assistants/assistants-router.js";
import { createInferenceHandlers } from "./assistants/inference-handlers.js";
import { createAlertsModule } from "./alerts/create-alerts-module.js";
import { createAuthModule } from "./auth/create-auth-module.js";
import { answerClientErrors } from "./http/client-error.js";
import { createConsoleModule } from "./console/create-console-module.js";
import { createBillingModule } from "./billing/create-billing-module.js";
import { createAnalyticsModule } from "./analytics/create-analytics-module.js";
import { configSchema, RELOADABLE_KEYS, SERVICE_NAME, type GatewayConfig } from "./config.js";
import { createGatewayHandlers } from "./handlers/gateway-handlers.js";
import { createIdempotencyModule } from "./idempotency/create-idempotency-module.js";
import { holdingUsageSink } from "./idempotency/usage-hold.js";
import { createHttpApp } from "./http/create-http-app.js";
import type { ModuleContext } from "./modules.js";
import { openApiRouter } from "./openapi/openapi-router.js";
import { createQuotaModule } from "./quota/create-quota-module.js";
import { AdapterPool } from "./pipeline/adapter-pool.js";
import type { PipelineDeps } from "./pipeline/pipeline-deps.js";
import { audioRouter } from "./routes/audio.js";
import { chatCompletionsRouter } from "./routes/chat-completions.js";
import { imagesRouter } from "./routes/images.js";
import { moderationsRouter } from "./routes/moderations.js";
import { adminStatusRouter } from "./routes/admin-status.js";
import { monitoringRouter, type MonitoringDeps } from "./routes/monitoring.js";
import { PlatformStatus } from "./routes/platform-status.js";
import { completionsRouter } from "./routes/completions.js";
import { embeddingsRouter } from "./routes/embeddings.js";
import { modelsRouter } from "./routes/models.js";
import { createRoutingModule } from "./routing/create-routing-module.js";
import { createUsageModule } from "./usage/create-usage-module.js";
import { registerCircuitMetrics } from "./metrics/circuit-metrics.js";
import { GenAiMetrics } from "./metrics/gen-ai-metrics.js";
import { meteredUsageSink } from "./metrics/metered-usage-sink.js";

export interface RunningGateway extends StartedService {
  runtime: ServiceRuntime;
  httpPort: number;
  url: string;
  /** The express app (tests list its routes against the admin API's description). */
  httpApp: Express;
  stop(): Promise<void>;
}

/** The composition root of the gateway: config → modules (auth, quota, routing, usage) → HTTP → register. */
export async function startGateway(env: Environment, logger?: Logger): Promise<RunningGateway> {
  const config = loadConfig(configSchema, env);
  const rootLogger = logger ?? createLogger({ service: SERVICE_NAME, version: config.SERVICE_VERSION, level: config.LOG_LEVEL });
  const runtime = new ServiceRuntime({ service: SERVICE_NAME, version: config.SERVICE_VERSION, config, logger: rootLogger });
  const live = liveConfig(configSchema, env, config, RELOADABLE_KEYS, runtime.logger);
  try {
    await runtime.watchConfig(live);
    await runtime.ensureTopics();
    const context: ModuleContext = { runtime, config, env };
    const usageModule = await createUsageModule(context);
    const auth = await createAuthModule(context);
    const consoleModule = createConsoleModule(context, auth.adminAuthenticator);
    context.adminAuthenticator = consoleModule.adminAuthenticator;
    const quota = await createQuotaModule(context);
    const routing = await createRoutingModule(context);

    // The tokenizer's tables take about a second of a core to build (8 s on a loaded machine), in one
    // synchronous step: built here, before the gateway is ready, not by the first request that needs
    // a count (a cut stream, a vendor without usage), which would stall every other request.
    await loadEncoder();
    registerCircuitMetrics(runtime.metrics, routing.router);
    const adapters = new AdapterPool();
    runtime.lifecycle.onShutdown("upstream-pools", () => adapters.close());
    const meteredUsage = meteredUsageSink(usageModule.usage, new GenAiMetrics(runtime.metrics));
    const pipeline: PipelineDeps = {
      router: routing.router,
      quota: quota.quota,
      // A request with an Idempotency-Key has its events held until its answer is kept (ADR 0039).
      usage: holdingUsageSink(meteredUsage),
      adapters,
      streamWriteIdleMs: () => live.current.GATEWAY_STREAM_WRITE_IDLE_MS,
    };
    const budgets = { defaultOutputTokens: () => live.current.GATEWAY_DEFAULT_OUTPUT_TOKENS };
    let ready = false;
    const settleAgain = quota.quota.settleAgain?.bind(quota.quota);
    const idempotencyModule = createIdempotencyModule(context, { held: meteredUsage, restated: usageModule.usage }, settleAgain);
    const analytics = createAnalyticsModule(context, { intervalMs: () => live.current.GATEWAY_MONITOR_INTERVAL_MS, quota: quota.quota, streams: auth.streams });
    const monitoring: MonitoringDeps = {
      router: routing.router,
      analytics: runtime.client(analyticsV1.AnalyticsServiceService, "analytics", { idempotent: ["getUsageSummary", "getUsageEvent"] }),
      nacos: runtime.nacos,
      nacosGroup: config.NACOS_GROUP,
      probes: [usageModule.probe, auth.probe, { name: "kafka" as const, check: () => runtime.bus.checkConnection() }].filter((probe) => probe !== undefined),
      instance: { id: runtime.instanceId, version: config.SERVICE_VERSION, startedAt: Date.now() },
      intervalMs: () => live.current.GATEWAY_MONITOR_INTERVAL_MS,
      cacheMs: () => config.GATEWAY_STATUS_CACHE_MS,
      quota: quota.quota,
      streams: auth.streams,
    };
    const platformStatus = new PlatformStatus(monitoring);
    const app = createHttpApp({
      logger: () => runtime.logger,
      maxBodyBytes: () => live.current.GATEWAY_MAX_BODY_BYTES,
      isReady: () => ready,
      metrics: runtime.metrics,
      trustedProxies: config.GATEWAY_TRUSTED_PROXIES,
      authenticator: auth.authenticator,
      adminAuthenticator: consoleModule.adminAuthenticator,
      apiRouters: [
        idempotencyModule.router,
        modelsRouter(routing.router, quota.quota),
        chatCompletionsRouter(pipeline, budgets),
        completionsRouter(pipeline, budgets),
        embeddingsRouter(pipeline),
        audioRouter(pipeline, () => live.current.GATEWAY_MAX_UPLOAD_BYTES),
        imagesRouter(pipeline, { defaultModel: () => live.current.GATEWAY_DEFAULT_IMAGE_MODEL, maxUploadBytes: () => live.current.GATEWAY_MAX_UPLOAD_BYTES }),
        moderationsRouter(pipeline, () => live.current.GATEWAY_DEFAULT_MODERATION_MODEL),
        analytics.apiRouter,
        assistantsRouter(runtime.client(assistantV1.AssistantServiceService, "assistant")),
        monitoringRouter({ ...monitoring, status: platformStatus }),
      ],
      adminRouters: [
        auth.adminRouter,
        quota.adminRouter,
        routing.adminRouter,
        createBillingModule(context).adminRouter,
        analytics.adminRouter,
        createAlertsModule(context).adminRouter,
        consoleModule.adminRouter,
        context.adminAuthenticator && adminStatusRouter({ status: platformStatus, adminAuthenticator: context.adminAuthenticator, intervalMs: monitoring.intervalMs }),
      ].filter((router) => router !== undefined),
      publicAdminRouters: [openApiRouter(config.SERVICE_VERSION), consoleModule.signInRouter],
      consoleRouter: consoleModule.staticRouter,
    });
    const server = createServer(incomingLimits(config), app);
    answerClientErrors(server);
    const httpServer = await listen(server, config.SERVICE_HOST, config.HTTP_PORT);
    runtime.lifecycle.onShutdown("http", () => closeHttp(httpServer));
    runtime.grpc.addService(gatewayV1.GatewayServiceService, createGatewayHandlers({ settings: () => pickReloadable(live.current) }));
    runtime.grpc.addService(gatewayInferenceV1.GatewayInferenceServiceService, createInferenceHandlers(pipeline, budgets, idempotencyModule.calls));
    const started = await runtime.start();
    ready = true;
    const httpPort = (httpServer.address() as AddressInfo).port;
    return { ...started, runtime, httpPort, httpApp: app, url: `http://${config.SERVICE_HOST}:${httpPort}`, stop: () => runtime.stop() };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

function pickReloadable(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(RELOADABLE_KEYS.map((key) => [key, config[key]]));
}

/** How long a client may take to send its request; the timers are checked every second (Node: 30 s). */
function incomingLimits(config: GatewayConfig) {
  return {
    headersTimeout: config.GATEWAY_HEADERS_TIMEOUT_MS,
    requestTimeout: Math.max(config.GATEWAY_REQUEST_TIMEOUT_MS, config.GATEWAY_HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: 1_000,
  };
}

function listen(server: Server, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // Cluster workers (ADR 0012) each bind the port themselves with SO_REUSEPORT: the kernel spreads
    // connections over them, and a worker that dies takes its socket with it. (Handing connections
    // over from the primary can strand one on a worker that just died.)
    const worker = cluster.isWorker;
    server.listen({ port, host, exclusive: worker, reusePort: worker }, () => resolve(server));
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
  });
}
