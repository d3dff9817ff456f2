import { Router } from "express";
import { loadConfig, redisEnv } from "@llm-serve/common";
import { z } from "zod";
import { CallOnce } from "../assistants/call-once.js";
import type { ModuleContext } from "../modules.js";
import type { UsageSink } from "../ports/usage-sink.js";
import { idempotency } from "./idempotency-middleware.js";
import { IdempotencyStore } from "./idempotency-store.js";

/** The endpoints whose requests spend tokens and whose non-streamed answers can be replayed. */
export const IDEMPOTENT_ENDPOINTS = ["/v1/chat/completions", "/v1/completions", "/v1/embeddings"];

/** The module's own environment keys (ADR 0031), validated at start like the auth module's. */
export const idempotencySettingsSchema = redisEnv.extend({
  EVENT_NAMESPACE: z.string().default(""),
  /** How long a completed key answers with its stored answer (OpenAI and Stripe keep them a day). */
  GATEWAY_IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(86_400),
  /** The lease a running request holds and renews: a retry takes over a dead gateway's key this long after its crash. */
  GATEWAY_IDEMPOTENCY_LEASE_MS: z.coerce.number().int().min(300).max(600_000).default(5_000),
  /** Larger answers are not kept (a retry gets 422): with the TTL, the memory bound per key. */
  GATEWAY_IDEMPOTENCY_MAX_ANSWER_BYTES: z.coerce.number().int().min(1_024).max(16_777_216).default(262_144),
});

/**
 * Idempotency-Key support, mounted ahead of the API routers (after authentication and the body), and
 * the same store for the assistant service's named model calls (`calls`, ADR 0034).
 */
export function createIdempotencyModule(context: ModuleContext, usage: { held: UsageSink; restated: UsageSink }, settleAgain?: (receipt: unknown) => Promise<void>): { router: Router; calls: CallOnce } {
  const settings = loadConfig(idempotencySettingsSchema, context.env);
  const { runtime } = context;
  const redis = runtime.openRedis(settings.REDIS_URL, `${settings.EVENT_NAMESPACE || "llmserve"}:gateway:idempotency:`);
  const store = new IdempotencyStore(redis, { leaseMs: settings.GATEWAY_IDEMPOTENCY_LEASE_MS, ttlSeconds: settings.GATEWAY_IDEMPOTENCY_TTL_SECONDS });
  const router = Router();
  router.post(
    IDEMPOTENT_ENDPOINTS,
    idempotency({
      store,
      leaseMs: () => settings.GATEWAY_IDEMPOTENCY_LEASE_MS,
      maxAnswerBytes: () => settings.GATEWAY_IDEMPOTENCY_MAX_ANSWER_BYTES,
      maxHoldMs: () => context.config.GATEWAY_REQUEST_TIMEOUT_MS,
      logger: () => runtime.logger,
      usage,
      settleAgain,
    }),
  );
  const calls = new CallOnce({
    store,
    leaseMs: () => settings.GATEWAY_IDEMPOTENCY_LEASE_MS,
    maxAnswerBytes: () => settings.GATEWAY_IDEMPOTENCY_MAX_ANSWER_BYTES,
    maxHoldMs: () => context.config.GATEWAY_REQUEST_TIMEOUT_MS,
    logger: () => runtime.logger,
    usage,
    settleAgain,
  });
  return { router, calls };
}
