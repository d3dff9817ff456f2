import { createHash } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { AppError, type Logger } from "@llm-serve/common";
import { principalOf } from "../http/authenticate.js";
import type { UsageSink } from "../ports/usage-sink.js";
import type { IdempotencyStore, Lease, StoredAnswer } from "./idempotency-store.js";
import { UsageHold, restateUsage, withUsageHold } from "./usage-hold.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";
/** Set on an answer that is a replay of the first request's. */
export const REPLAYED_HEADER = "idempotent-replayed";
const KEPT_HEADERS = /^(x-llmserve-|x-ratelimit-)/i;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  leaseMs: () => number;
  /** Larger JSON answers are not kept (a retry then gets 422): the memory bound of ADR 0031. */
  maxAnswerBytes: () => number;
  /** How long a request may hold its key without answering (its lease is renewed that long at most). */
  maxHoldMs: () => number;
  logger: () => Logger;
  /**
   * Where a request's held usage events go once its answer is kept (the pipeline's own sink), and
   * where a replay re-states a kept answer's events (the bare sink: a replay is no upstream call
   * for the metrics). ADR 0039.
   */
  usage: { held: UsageSink; restated: UsageSink };
  /** Makes a kept answer's quota settlement again (counted once): `QuotaGate.settleAgain`. */
  settleAgain?: (receipt: unknown) => Promise<void>;
}

/**
 * `Idempotency-Key` on POST requests that spend tokens (ADR 0031): the first request with a key
 * reserves it for its project; a retry with the same key and body gets the stored answer (no second
 * upstream call, no second charge), or 409 `idempotency_in_progress` with `Retry-After` while the
 * first still runs; the same key with another body gets 422 `idempotency_key_reused`.
 */
export function idempotency(options: IdempotencyOptions): RequestHandler {
  return (request, response, next) => {
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    handle(options, key, request, response, next).catch(next);
  };
}

async function handle(options: IdempotencyOptions, key: string, request: Request, response: Response, next: NextFunction): Promise<void> {
  if (key.length < 1 || key.length > 255) throw new AppError("invalid_request", "The Idempotency-Key header must be 1 to 255 characters long.", { details: { param: IDEMPOTENCY_HEADER } });
  const principal = principalOf(response);
  const fingerprint = fingerprintOf(request);
  let claim;
  try {
    claim = await options.store.claim(`${principal.projectId}:${sha256(key)}`, fingerprint);
  } catch (error) {
    // Redis away: the request is served without the guarantee (as quota's fail-open policy is), loudly.
    options.logger().warn({ err: error }, "idempotency key not checked: store unavailable");
    return next();
  }
  if (claim.kind === "owner") return own(options, claim.lease, fingerprint, response, next);
  const stored = claim.kind === "done" ? claim.answer.fingerprint : claim.fingerprint;
  if (stored !== fingerprint) throw reused("was used with a different request body or endpoint");
  if (claim.kind === "running") {
    throw new AppError("conflict", "A request with this Idempotency-Key is still being processed; retry after the delay in Retry-After.", {
      retryable: true,
      details: { openaiCode: "idempotency_in_progress", retryAfterSeconds: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) },
    });
  }
  replay(options, claim.answer, response);
}

function replay(options: IdempotencyOptions, answer: StoredAnswer, response: Response): void {
  if (answer.body === undefined) {
    throw reused(answer.notStored === "streamed" ? "served a streamed answer, which is not kept for replay" : "served an answer too large to keep for replay");
  }
  // The first gateway may have died after keeping the answer and before its events were safe.
  restateUsage(options.usage.restated, answer, options.settleAgain);
  response.status(answer.status).set(answer.headers).set(REPLAYED_HEADER, "true").type("application/json").send(answer.body);
}

function reused(why: string): AppError {
  return new AppError("invalid_request", `This Idempotency-Key ${why}; use a new key for a new request.`, {
    details: { param: IDEMPOTENCY_HEADER, openaiCode: "idempotency_key_reused", reason: "idempotency_key_reused" },
  });
}

/** Runs the request as the key's owner: the lease is renewed until the answer is kept or the key freed. */
function own(options: IdempotencyOptions, lease: Lease, fingerprint: string, response: Response, next: NextFunction): void {
  const renewal = setInterval(() => void lease.renew().catch(() => undefined), Math.max(100, Math.floor(options.leaseMs() / 3)));
  const giveUp = setTimeout(() => clearInterval(renewal), options.maxHoldMs());
  let settled = false;
  const settle = async (answer: StoredAnswer | undefined) => {
    if (settled) return;
    settled = true;
    clearInterval(renewal);
    clearTimeout(giveUp);
    await (answer === undefined ? lease.release() : lease.complete(answer)).catch((error: unknown) => options.logger().warn({ err: error }, "idempotency key not settled"));
  };
  const hold = new UsageHold(options.usage.held);
  const sendJson = response.json.bind(response);
  // The answer is kept before it is sent, with the request's usage events in the same write, and
  // only then are the events handed to the usage sink (ADR 0039): a client that received the
  // answer and retries gets the replay, never a 409, and a gateway that dies at any point leaves
  // either nothing (the retry runs again) or the answer with its events (the replay states them).
  response.json = (body: unknown) => {
    const answer = answerOf(options, fingerprint, response, JSON.stringify(body));
    const kept = answer?.body === undefined ? answer : { ...answer, usage: hold.snapshot(), settlement: hold.settlement };
    const left = kept?.usage === undefined ? hold.release() : undefined;
    void settle(kept).then(async () => {
      // Kept with the answer: sent once they are safe from a crash too, and once the settlement
      // the hold made after the keep has left (ADR 0039 amendment).
      if (kept?.usage !== undefined) await hold.releaseDurably();
      else await left;
      try {
        sendJson(body);
      } catch (error) {
        // Nothing may escape a detached promise; the client gets at most a closed connection.
        options.logger().warn({ err: error }, "answer not sent after keeping it");
        response.destroy();
      }
    });
    return response;
  };
  // A streamed answer never passes through json(): once its headers left, it counts as served.
  // A client that hangs up before any answer does not free the key: the request still runs
  // upstream and will be charged, so the key stays held until it answers.
  response.on("close", () => {
    // Whatever happens to the answer now, the events are not kept with it: the sink takes them
    // (and a settlement still deferred is made).
    void hold.release();
    if (response.headersSent) void settle(answerOf(options, fingerprint, response, undefined));
  });
  withUsageHold(hold, next);
}

/** The answer to keep, or undefined when a retry may run the request again (nothing was charged). */
function answerOf(options: IdempotencyOptions, fingerprint: string, response: Response, body: string | undefined): StoredAnswer | undefined {
  const status = response.statusCode;
  // Refusals a retry may overcome (rate limits, conflicts, server and upstream errors) are not kept.
  if (status === 409 || status === 429 || status >= 500) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) if (KEPT_HEADERS.test(name) && typeof value === "string") headers[name] = value;
  const answer: StoredAnswer = { fingerprint, status, headers };
  if (body === undefined) return { ...answer, notStored: "streamed" };
  if (Buffer.byteLength(body) > options.maxAnswerBytes()) return { ...answer, notStored: "too_large" };
  return { ...answer, body };
}

/** The endpoint and the exact bytes of the body: a retry must send the same request. */
function fingerprintOf(request: Request): string {
  const rawBody = (request as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
  return createHash("sha256").update(`${request.method} ${request.path}\n`).update(rawBody).digest("hex");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
