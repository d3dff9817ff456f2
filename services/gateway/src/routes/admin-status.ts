import { setTimeout as sleep } from "node:timers/promises";
import { Router, type Request, type Response } from "express";
import { toAppError } from "@llm-serve/common";
import { withRefusalAudit } from "../admin/refusal-audit.js";
import { adminOf, ANY_ADMIN_ROLE, requireAdmin } from "../auth/require-admin.js";
import { toOpenAIError } from "../http/openai-error.js";
import { locals } from "../http/request-context.js";
import { SseWriter } from "../http/sse-writer.js";
import type { AdminAuthenticator, AdminIdentity, Principal } from "../ports/authenticator.js";
import type { PlatformStatus } from "./platform-status.js";

export interface AdminStatusDeps {
  /** The same sampler as GET /v1/status: one cached sample serves both. */
  status: PlatformStatus;
  adminAuthenticator: AdminAuthenticator;
  intervalMs: () => number;
}

/** An admin sees every model the platform routes: no key scopes narrow the view. */
function principalOf(admin: AdminIdentity): Principal {
  return { keyId: "", projectId: "", orgId: admin.orgId, allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] };
}

function wantsStream(request: Request): boolean {
  return request.query.stream === "true" || (request.headers.accept ?? "").includes("text/event-stream");
}

const ENDED = "Your admin session or token is no longer valid: the stream is closed.";

/**
 * GET /admin/status (ADR 0035): the /v1/status document for the console's overview, as JSON or, with
 * `?stream=true` / `Accept: text/event-stream`, as SSE pushing `{timestamp, status}` every monitor
 * interval. No API key is metered (an admin has none); instead every push after the first
 * re-authenticates the caller, so revoking the token or signing out ends the stream with an error event.
 */
export function adminStatusRouter(deps: AdminStatusDeps): Router {
  const routes = Router();
  routes.get("/status", requireAdmin(deps.adminAuthenticator, ANY_ADMIN_ROLE), async (request, response) => {
    const principal = principalOf(adminOf(response));
    if (!wantsStream(request)) {
      response.json(await deps.status.of(principal));
      return;
    }
    const closed = new AbortController();
    response.once("close", () => closed.abort());
    const sse = new SseWriter(response);
    sse.start({});
    try {
      await pushStatus(deps, { request, response, principal, sse }, closed.signal);
    } finally {
      sse.end();
    }
  });
  return withRefusalAudit(routes);
}

interface Pushing {
  request: Request;
  response: Response;
  principal: Principal;
  sse: SseWriter;
}

/** One sample per interval until `stop`; the caller is re-authenticated before each later sample. */
async function pushStatus(deps: AdminStatusDeps, pushing: Pushing, stop: AbortSignal): Promise<void> {
  const { request, response, principal, sse } = pushing;
  for (let first = true; !stop.aborted; first = false) {
    if (!first) {
      const refused = await deps.adminAuthenticator.authenticateAdmin(request).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (refused !== undefined) {
        const body = toOpenAIError(toAppError(refused), locals(response).requestId).body;
        await sse.error({ error: { ...body.error, message: ENDED } });
        return;
      }
    }
    const value = await deps.status.of(principal).catch((error: unknown) => {
      locals(response).logger.warn({ err: error }, "status sample failed");
      return undefined;
    });
    if (value !== undefined && !stop.aborted) await sse.data({ timestamp: new Date().toISOString(), status: value });
    await sleep(deps.intervalMs(), undefined, { signal: stop, ref: false }).catch(() => undefined);
  }
}
