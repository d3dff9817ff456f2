import type { Router } from "express";
import type { Environment } from "@llm-serve/common";
import type { ServiceRuntime } from "@llm-serve/grpc";
import type { AdminTokenAuthenticator } from "./auth/admin-token-authenticator.js";
import type { GatewayConfig } from "./config.js";
import type { AdminAuthenticator, Authenticator } from "./ports/authenticator.js";
import type { DeploymentRouter } from "./ports/deployment-router.js";
import type { InfraProbe } from "./ports/infra-probe.js";
import type { QuotaGate } from "./ports/quota-gate.js";
import type { StreamSessions } from "./ports/stream-sessions.js";
import type { UsageSink } from "./ports/usage-sink.js";

/** What every gateway module factory receives. */
export interface ModuleContext {
  runtime: ServiceRuntime;
  config: GatewayConfig;
  env: Environment;
  /** Set once the auth module is built: other modules protect their admin routes with it. */
  adminAuthenticator?: AdminAuthenticator;
}

export interface AuthModule {
  authenticator: Authenticator;
  /** Bearer admin tokens (the console's sessions wrap it: src/console). */
  adminAuthenticator: AdminTokenAuthenticator;
  /** Mounted at /admin; each route checks the admin's role itself. */
  adminRouter?: Router;
  /** Long-lived answers per key: capped, and ended when the key is revoked or expires. */
  streams: StreamSessions;
  /** Redis as this module sees it (live /v1/status). */
  probe?: InfraProbe;
}

export interface QuotaModule {
  quota: QuotaGate;
  adminRouter?: Router;
}

export interface RoutingModule {
  router: DeploymentRouter;
  adminRouter?: Router;
}

export interface UsageModule {
  usage: UsageSink;
  /** Postgres as this module sees it (live /v1/status). */
  probe?: InfraProbe;
}
