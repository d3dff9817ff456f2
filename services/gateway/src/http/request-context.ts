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
 */
export function requestContext(rootLogger: () => Logger): RequestHandler {
  return (request, response, next) => {
    const requestId = acceptRequestId(request.header(REQUEST_ID_HEADER));
    const logger = rootLogger().child({ requestId });
    Object.assign(response.locals, { requestId, logger, startedAt: performance.now() } satisfies RequestLocals);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    response.on("finish", () => {
      logger.info(
        { method: request.method, path: request.path, status: response.statusCode, durationMs: Math.round(performance.now() - locals(response).startedAt) },
        "request",
      );
    });
    next();
  };
}
