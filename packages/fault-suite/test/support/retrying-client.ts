import { randomUUID } from "node:crypto";
import { chat, type Outcome } from "./load.js";

/** Statuses the official openai SDK retries (after `Retry-After` when given). */
const RETRIED_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);

export interface RetryPolicy {
  /** Retries after the first try (the openai SDK's default: 2). */
  maxRetries: number;
  /** Longest `Retry-After` honoured, as the SDK (60 s) — ours is a few seconds. */
  maxRetryAfterSeconds: number;
}

/**
 * A client as the official SDKs behind a load balancer behave: each chat request goes to the next
 * gateway in turn with an `Idempotency-Key` and a request id of its own; a connection error is
 * retried at once on the other gateway, a retryable status after its `Retry-After`, always with the
 * same key and id, so a retry can never be served (or charged) twice.
 */
export function retryingRoundRobin(urls: readonly string[], secret: string, policy: RetryPolicy = { maxRetries: 2, maxRetryAfterSeconds: 60 }): () => Promise<Outcome> {
  let next = 0;
  return async () => {
    const identity = { requestId: `req_fault_${randomUUID().replaceAll("-", "")}`, idempotencyKey: randomUUID() };
    let index = next++;
    const startedAt = Date.now();
    let outcome = await chat(urls[index % urls.length]!, secret, 24, identity);
    let attempts = 1;
    while (attempts <= policy.maxRetries) {
      // No answer (refused, reset, socket hang up): the SDK's APIConnectionError, retried at once.
      if (outcome.status === 0) index += 1;
      else if (RETRIED_STATUSES.has(outcome.status)) await wait(Math.min(outcome.retryAfterSeconds ?? 0.5, policy.maxRetryAfterSeconds) * 1000);
      else break;
      outcome = await chat(urls[index % urls.length]!, secret, 24, identity);
      attempts += 1;
    }
    return { ...outcome, startedAt, attempts };
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
