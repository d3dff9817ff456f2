import express, { type Express, type NextFunction, type Request, type Response, type Router } from "express";
import { AppError, type Logger, type Registry } from "@llm-serve/common";
import { refusalAudit } from "../admin/refusal-audit.js";
import { httpMetrics } from "./http-metrics.js";
import type { AdminAuthenticator, Authenticator } from "../ports/authenticator.js";
import { authenticate, authenticateAdmin, authorize } from "./authenticate.js";
import { liveJsonBody } from "./json-body.js";
import { closeAfterAnswer } from "./lingering-close.js";
import { sendError } from "./openai-error.js";
import { locals, requestContext } from "./request-context.js";
import { refuseNulCharacters } from "./refuse-nul-characters.js";
import { noStore, securityHeaders } from "./security-headers.js";

export interface HttpDeps {
  logger: () => Logger;
  maxBodyBytes: () => number;
  isReady: () => boolean;
  metrics: Registry;
  /** Proxies whose `X-Forwarded-For` is believed (CIDRs or express's names such as `loopback`). */
  trustedProxies: readonly string[];
  authenticator: Authenticator;
  adminAuthenticator: AdminAuthenticator;
  /** The OpenAI-compatible routes (`/v1/...`), mounted behind authentication. */
  apiRouters: Router[];
  /** Admin routes, mounted at `/admin`; each checks the admin's role. */
  adminRouters: Router[];
  /** Admin routes that need no token (the API's description), mounted ahead of admin authentication. */
  publicAdminRouters?: Router[];
  /** The admin console's files (ADR 0033), mounted at `/console` with its own CSP. */
  consoleRouter?: Router;
}

/**
 * Pure wiring of the public HTTP surface: testable without listening. Order matters (ADR 0015):
 * credentials are checked from the headers before any body is read, then the body is read within
 * its limit, then the signature over it and the key's scopes are checked.
 */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("trust proxy", [...deps.trustedProxies]);
  app.use(securityHeaders());
  app.get("/healthz", (_request, response) => void response.json({ status: "ok" }));
  app.get("/readyz", (_request, response) => void response.status(deps.isReady() ? 200 : 503).json({ status: deps.isReady() ? "ready" : "not_ready" }));
  app.use(httpMetrics(deps.metrics));
  app.use(requestContext(deps.logger));
  const jsonBody = liveJsonBody(deps.maxBodyBytes);
  if (deps.consoleRouter) app.use("/console", deps.consoleRouter);
  for (const router of deps.publicAdminRouters ?? []) app.use("/admin", router);
  app.use("/admin", noStore(), authenticateAdmin(deps.adminAuthenticator), jsonBody, refuseNulCharacters());
  for (const router of deps.adminRouters) app.use("/admin", router);
  // Authentication refuses ahead of the routers, so their own refusal audit never sees those errors.
  app.use("/admin", refusalAudit());
  app.use("/v1", noStore(), authenticate(deps.authenticator), jsonBody, authorize(deps.authenticator));
  for (const router of deps.apiRouters) app.use(router);
  app.use((request: Request) => {
    throw new AppError("not_found", `Unknown request URL: ${request.method} ${request.path}.`, { details: { openaiCode: "unknown_url" } });
  });
  app.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    const context = locals(response);
    // A body left unread (refused before it was parsed, or too large) is not parsed: the connection
    // closes after the answer, reading and discarding what is still coming for a bounded time so
    // that the client reads the answer instead of a reset.
    if (!request.complete && !response.headersSent) closeAfterAnswer(request, response);
    sendError(response, error, context.requestId ?? "unknown", context.logger ?? deps.logger());
  });
  return app;
}
