import type { Request, Response } from "express";
import type { Logger } from "@llm-serve/common";
import type { eventsV1 } from "@llm-serve/proto";
import { principalOf } from "../http/authenticate.js";
import { locals } from "../http/request-context.js";
import type { Principal } from "../ports/authenticator.js";
import { summarizeParameters } from "./parameter-summary.js";

/** One public API call as the request path sees it. */
export interface GatewayCall {
  requestId: string;
  principal: Principal;
  /** Public endpoint name, e.g. `chat.completions`. */
  endpoint: string;
  model: string;
  stream: boolean;
  logger: Logger;
  /** Aborted when the client goes away before the response is complete. */
  signal: AbortSignal;
  startedAt: number;
  startedAtIso: string;
  /** Counts and sampling options of the request (no content), for its invocation records. */
  parameters: eventsV1.RequestParameters;
}

export function beginCall(request: Request, response: Response, endpoint: string, model: string, stream: boolean): GatewayCall {
  const context = locals(response);
  const abort = new AbortController();
  // `close` before the response finished means the client disconnected.
  response.once("close", () => {
    if (!response.writableFinished) abort.abort(new Error("client disconnected"));
  });
  request.once("aborted", () => abort.abort(new Error("client disconnected")));
  return {
    requestId: context.requestId,
    principal: principalOf(response),
    endpoint,
    model,
    stream,
    // Made on first use (request-context.ts): most calls log nothing of their own.
    get logger() {
      return context.logger;
    },
    signal: abort.signal,
    startedAt: context.startedAt,
    startedAtIso: new Date(Date.now() - (performance.now() - context.startedAt)).toISOString(),
    parameters: summarizeParameters(request.body),
  };
}
