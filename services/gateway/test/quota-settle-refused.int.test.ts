import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis, Registry, encodeEvent } from "@llm-serve/common";
import { KeyLayout, QuotaEngine, QuotaState, type PolicySnapshot } from "@llm-serve/quota-engine";
import { EMPTY_PRICE_BOOK } from "@llm-serve/pricing";
import { INFRA, captureLogs, uniqueId } from "@llm-serve/testkit";
import { FailOpenReporter } from "../src/quota/fail-open-reporter.js";
import { PendingSettlements } from "../src/quota/pending-settlements.js";
import { PolicyCache } from "../src/quota/policy-cache.js";
import { QuotaMetrics } from "../src/quota/quota-metrics.js";
import { RedisQuotaGate } from "../src/quota/redis-quota-gate.js";
import type { Principal } from "../src/ports/authenticator.js";

const principal: Principal = { keyId: "key_refused", projectId: "proj_1", orgId: "org_1", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] };

describe("a settlement that Redis refuses", () => {
  const logs = captureLogs("settle-refused", "info");
  const layout = new KeyLayout(`${uniqueId("refused")}:`);
  let redis: Redis;
  let gate: RedisQuotaGate;
  let pending: PendingSettlements;

  beforeAll(async () => {
    redis = new Redis(INFRA.redisUrl, { maxRetriesPerRequest: 1 });
    await new QuotaState(redis, layout).markTrusted(Date.now());
    const engine = new QuotaEngine({ redis, layout });
    const snapshot: PolicySnapshot = {
      version: "1",
      policies: [{ id: "qp_refused", scope: "key", scopeId: principal.keyId, orgId: "org_1", model: "", tokensPerMinute: 1_000_000, failMode: "open", warningThresholdsBps: [], timezone: "", version: 1, isDefault: false }],
      settings: { timezone: "UTC", warningThresholdsBps: [], prices: {}, priceBook: EMPTY_PRICE_BOOK, defaultPolicies: [] },
    };
    const cache = new PolicyCache(async () => snapshot, logs.logger);
    expect(await cache.refresh()).toBe(true);
    const metrics = new QuotaMetrics(new Registry());
    pending = new PendingSettlements(engine, { maxAgeMs: 60_000, logger: logs.logger, metrics });
    const reporter = new FailOpenReporter({ metrics, logger: logs.logger, encode: (input) => encodeEvent(input, { source: "gateway", namespace: "" }), publish: async () => undefined, instanceId: "test", intervalMs: 60_000 });
    gate = new RedisQuotaGate({ engine, cache, reporter, pending, metrics, logger: logs.logger, unloadedMode: "open" });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${layout.prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("is logged as an error and not retried: the same call would fail again", async () => {
    const reservation = await gate.reserve({ principal, model: "m", endpoint: "chat.completions", estimatedTokens: 10, requestId: "req_refused" });
    // Spoil the hold's record so that Redis answers the settle script with an error.
    for (const key of await redis.keys(`${layout.prefix}*:r`)) {
      for (const [field, record] of Object.entries(await redis.hgetall(key))) await redis.hset(key, field, `${record.split("|")[0]}|1.5`);
    }
    await gate.settle(reservation, { promptTokens: 4, completionTokens: 3, totalTokens: 7 });
    expect(logs.lines.some((line) => line.msg === "quota settlement refused by Redis; not retried" && line.requestId === "req_refused")).toBe(true);
    expect(pending.size).toBe(0);
  });
});
