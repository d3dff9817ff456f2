import { Redis } from "ioredis";
import { INFRA, uniqueId } from "@llm-serve/testkit";
import { KeyLayout, PolicyIndex, QuotaEngine, QuotaState, UserQuota, type QuotaPolicy } from "../src/index.js";

export const SETTINGS = { timezone: "UTC", warningThresholdsBps: [8000, 9500] };
export const SUBJECT = { keyId: "key_1", projectId: "proj_1", orgId: "org_1" };

export function policy(fields: Partial<QuotaPolicy> & Pick<QuotaPolicy, "scope" | "scopeId">): QuotaPolicy {
  return { id: uniqueId("qp_"), orgId: "org_1", model: "", failMode: "closed", warningThresholdsBps: [], timezone: "", version: 1, isDefault: false, ...fields };
}

export function quotaFor(...policies: QuotaPolicy[]): UserQuota {
  return UserQuota.of(new PolicyIndex(policies, []), SUBJECT, "llmserve-demo");
}

/** A Redis key space of the test's own and engines ("gateway replicas") on separate connections. */
export async function createTestRedis(): Promise<{
  layout: KeyLayout;
  connections: Redis[];
  engine(options?: { holdTtlMs?: number; holdKeyTtlMs?: number; clock?: () => number }): QuotaEngine;
  close(): Promise<void>;
}> {
  const layout = new KeyLayout(`${uniqueId("qe")}:`);
  const connections: Redis[] = [];
  const engines: QuotaEngine[] = [];
  const connect = () => {
    const redis = new Redis(INFRA.redisUrl, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };
  await new QuotaState(connect(), layout).markTrusted(Date.now());
  return {
    layout,
    connections,
    engine(options = {}) {
      const engine = new QuotaEngine({ redis: connect(), layout, ...options });
      engines.push(engine);
      return engine;
    },
    async close() {
      for (const engine of engines) engine.close();
      const admin = connections[0]!;
      let cursor = "0";
      do {
        const [next, keys] = await admin.scan(cursor, "MATCH", `${layout.prefix}*`, "COUNT", 1000);
        if (keys.length > 0) await admin.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await Promise.all(connections.map((connection) => connection.quit()));
    },
  };
}

/** Deterministic pseudo-random integers in [low, high] (a seeded test stays reproducible). */
export function seededIntegers(seed: number): (low: number, high: number) => number {
  let state = seed >>> 0;
  return (low, high) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return low + (state % (high - low + 1));
  };
}
