import type { ErrorRequestHandler, Request, Response, Router } from "express";
import { toAppError } from "@llm-serve/common";
import { toOpenAIError } from "../http/openai-error.js";
import { locals } from "../http/request-context.js";
import type { AdminIdentity } from "../ports/authenticator.js";

/** Errors already written down: the admin routers are mounted one after another at /admin. */
const audited = new WeakSet<object>();

/** The structured line of one refused admin action (pino `audit` field, message "admin action refused"). */
export interface RefusalAuditLine {
  event: "admin.refused";
  /** Who asked, as far as they were authenticated (empty for anonymous or a bad token). */
  actor_id: string;
  actor_role: string;
  actor_org_id: string;
  method: string;
  path: string;
  status: number;
  code: string;
  reason: string;
  client_ip: string;
}

/**
 * Appends to an admin router the error handler that writes one structured audit line for every
 * refused admin request (any 4xx: unauthenticated, forbidden, hidden as not found, invalid), then
 * hands the error on to the OpenAI-shaped error handler. auth-key's audit trail records what was
 * done; this records what was refused, which never reaches a transaction. Bodies are never logged.
 */
export function withRefusalAudit(router: Router): Router {
  router.use(refusalAudit());
  return router;
}

/**
 * The same as an error handler on its own, for anything that refuses admin requests before the
 * routers (e.g. authentication moved ahead of them): an error is written down once however many
 * of these it passes.
 */
export function refusalAudit(): ErrorRequestHandler {
  return (error, request, response, next) => {
    const key = typeof error === "object" && error !== null ? (error as object) : undefined;
    if (key === undefined || !audited.has(key)) {
      if (key) audited.add(key);
      writeRefusal(error, request, response);
    }
    next(error);
  };
}

function writeRefusal(error: unknown, request: Request, response: Response): void {
  const context = locals(response);
  const appError = toAppError(error);
  const { status } = toOpenAIError(appError, context.requestId ?? "");
  if (status < 400 || status >= 500) return;
  const admin = response.locals.admin as AdminIdentity | undefined;
  const line: RefusalAuditLine = {
    event: "admin.refused",
    actor_id: admin?.userId ?? "",
    actor_role: admin?.role ?? "",
    actor_org_id: admin?.orgId ?? "",
    method: request.method,
    path: request.baseUrl + request.path,
    status,
    code: appError.code,
    reason: appError.message.slice(0, 300),
    client_ip: request.ip ?? "",
  };
  context.logger.warn({ audit: line }, "admin action refused");
}
