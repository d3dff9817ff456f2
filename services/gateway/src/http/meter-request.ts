import type { RequestHandler, Response } from "express";
import type { Principal } from "../ports/authenticator.js";
import type { QuotaGate } from "../ports/quota-gate.js";
import { principalOf } from "./authenticate.js";
import { locals } from "./request-context.js";

const NO_USAGE = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/**
 * Counts one request of a key that calls no model (models, status, usage) against its request
 * limits: a reservation of no tokens, settled at once, through the quota port as for model calls.
 * Only all-model policies apply (model ""). Throws the quota gate's 429 when a limit refuses;
 * returns the `x-ratelimit-*` headers to send.
 */
export async function meterRequest(quota: QuotaGate, principal: Principal, endpoint: string, requestId: string): Promise<Record<string, string>> {
  const reservation = await quota.reserve({ principal, model: "", endpoint, estimatedTokens: 0, requestId });
  await quota.settle(reservation, NO_USAGE);
  return reservation.headers;
}

/** Middleware form of `meterRequest` for a route's one answer. */
export function metered(quota: QuotaGate, endpoint: string): RequestHandler {
  return (_request, response: Response, next) => {
    meterRequest(quota, principalOf(response), endpoint, locals(response).requestId).then(
      (headers) => {
        response.set(headers);
        next();
      },
      (error: unknown) => next(error),
    );
  };
}
