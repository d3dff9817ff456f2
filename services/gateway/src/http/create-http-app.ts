import express, { type Express, type NextFunction, type Request, type Response, type Router } from "express";
import { AppError, type Logger, type Registry } from "@llm-serve/common";
import { httpMetrics } from "./http-metrics.js";
import type { Authenticator } from "../ports/authenticator.js";
import { authenticate } from "./authenticate.js";
import { liveJsonBody } from "./json-body.js";
import { sendError } from "./openai-error.js";
import { locals, requestContext } from "./request-context.js";

export interface HttpDeps {
  logger: () => Logger;
  maxBodyBytes: () => number;
  isReady: () => boolean;
  metrics: Registry;
  authenticator: Authenticator;
  /** The OpenAI-compatible routes (`/v1/...`), mounted behind authentication. */
  apiRouters: Router[];
  /** Admin routes, mounted at `/admin`; each authenticates its admin and checks roles. */
  adminRouters: Router[];
}

/** Pure wiring of the public HTTP surface: testable without listening. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("trust proxy", "loopback");
  app.get("/healthz", (_request, response) => void response.json({ status: "ok" }));
  app.get("/readyz", (_request, response) => void response.status(deps.isReady() ? 200 : 503).json({ status: deps.isReady() ? "ready" : "not_ready" }));
  app.use(httpMetrics(deps.metrics));
  app.use(requestContext(deps.logger));
  app.use(liveJsonBody(deps.maxBodyBytes));
  for (const router of deps.adminRouters) app.use("/admin", router);
  app.use("/v1", authenticate(deps.authenticator));
  for (const router of deps.apiRouters) app.use(router);
  app.use((request: Request) => {
    throw new AppError("not_found", `Unknown request URL: ${request.method} ${request.path}.`, { details: { openaiCode: "unknown_url" } });
  });
  app.use((error: unknown, _request: Request, response: Response, _next: NextFunction) => {
    const context = locals(response);
    sendError(response, error, context.requestId ?? "unknown", context.logger ?? deps.logger());
  });
  return app;
}
