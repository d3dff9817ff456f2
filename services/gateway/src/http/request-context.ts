import type { RequestHandler, Response } from "express";
import { acceptRequestId, REQUEST_ID_HEADER, type Logger } from "@llm-serve/common";

export interface RequestLocals {
  requestId: string;
  logger: Logger;
  startedAt: number;
}

export function locals(response: Response): RequestLocals {
  return response.locals as RequestLocals;
}

/**
 * Gives every request an id (the caller's, if well formed), echoes it in `x-request-id`, and logs
 * one canonical line when the response is finished.
 *
 * Per request, nothing is built that a request does not use: its child logger (with the id bound)
 * is made on first use — most requests log nothing but the canonical line — and that line goes
 * through a child without redaction, as its fields (id, method, path, status, duration) are never
 * secret; pino's redaction pass was the largest allocation of the request path (measured).
 */
export function requestContext(rootLogger: () => Logger): RequestHandler {
  let access: Logger | undefined;
  let accessOf: Logger | undefined;
  // The canonical-line logger, made again when the root changes or its level does (LOG_LEVEL is live).
  const accessLogger = (): Logger => {
    const root = rootLogger();
    if (access === undefined || accessOf !== root || access.level !== root.level) {
      access = root.child({}, { redact: { paths: [] } });
      accessOf = root;
    }
    return access;
  };
  return (request, response, next) => {
    const requestId = acceptRequestId(request.header(REQUEST_ID_HEADER));
    const startedAt = performance.now();
    let logger: Logger | undefined;
    const locals = response.locals as RequestLocals;
    locals.requestId = requestId;
    locals.startedAt = startedAt;
    Object.defineProperty(locals, "logger", {
      enumerable: true,
      get: () => (logger ??= rootLogger().child({ requestId })),
    });
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.on("finish", () => {
      accessLogger().info({ requestId, method: request.method, path: request.path, status: response.statusCode, durationMs: Math.round(performance.now() - startedAt) }, "request");
    });
    next();
  };
}
