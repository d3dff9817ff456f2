import type { Response } from "express";
import { toAppError, type AppError, type Logger } from "@llm-serve/common";
import { HTTP_ERRORS, INVALID_REQUEST_STATUSES } from "./error-table.js";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function toOpenAIError(error: AppError, requestId: string): { status: number; body: OpenAIErrorBody } {
  const mapping = HTTP_ERRORS[error.code];
  const reason = typeof error.details.reason === "string" ? error.details.reason : undefined;
  const status = (error.code === "invalid_request" && reason && INVALID_REQUEST_STATUSES[reason]) || mapping.status;
  const opaque = error.code === "internal";
  return {
    status,
    body: {
      error: {
        message: opaque ? `The server had an error while processing your request (request ${requestId}).` : error.message,
        type: mapping.type,
        param: typeof error.details.param === "string" ? error.details.param : null,
        code: typeof error.details.openaiCode === "string" ? error.details.openaiCode : mapping.code,
      },
    },
  };
}

/** Sends any thrown value as an OpenAI-shaped error; never a stack trace. */
export function sendError(response: Response, thrown: unknown, requestId: string, logger: Logger): void {
  const error = toAppError(thrown);
  const { status, body } = toOpenAIError(error, requestId);
  if (status >= 500) logger.error({ err: thrown, errorCode: error.code }, "request failed");
  if (response.headersSent) {
    response.end();
    return;
  }
  // Quota denials carry the x-ratelimit-* state of the limit that refused.
  const headers = error.details.headers;
  if (headers !== null && typeof headers === "object") {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) if (typeof value === "string" && /^x-ratelimit-/i.test(name)) response.setHeader(name, value);
  }
  const retryAfter = error.details.retryAfterSeconds;
  if (typeof retryAfter === "number") response.setHeader("retry-after", String(Math.ceil(retryAfter)));
  response.status(status).json(body);
}
