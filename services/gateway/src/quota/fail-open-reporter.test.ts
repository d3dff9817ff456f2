import { createMemoryLogger, createMetricsRegistry, encodeEvent, type EncodedEvent } from "@llm-serve/common";
import type { QuotaPolicy } from "@llm-serve/quota-engine";
import { describe, expect, it } from "vitest";
import { FailOpenReporter } from "./fail-open-reporter.js";
import { QuotaMetrics } from "./quota-metrics.js";

const policy = { id: "qp_open", scope: "key", scopeId: "key_1", orgId: "", model: "", failMode: "open", warningThresholdsBps: [], timezone: "", version: 1, isDefault: false } satisfies QuotaPolicy;

describe("failing open", () => {
  it("counts every request, and logs and publishes once per interval with the count since the last event", async () => {
    const registry = createMetricsRegistry({ service: "test", instance: "i" });
    const logs = createMemoryLogger("test", "info");
    const published: EncodedEvent[] = [];
    let now = 0;
    const reporter = new FailOpenReporter({
      metrics: new QuotaMetrics(registry),
      logger: logs.logger,
      encode: (input) => encodeEvent(input, { source: "gateway", namespace: "" }),
      publish: async (event) => void published.push(event),
      instanceId: "gw-1",
      intervalMs: 60_000,
      clock: () => now,
    });
    const applied = { policy, subjectId: "key_1" };
    reporter.report(applied, "req_1", "redis_unavailable");
    reporter.report(applied, "req_2", "redis_unavailable");
    reporter.report(applied, "req_3", "redis_unavailable");
    now = 60_000;
    reporter.report(applied, "req_4", "counters_rebuilding");

    expect(published.map((event) => JSON.parse(event.value))).toEqual([
      { policyId: "qp_open", requestId: "req_1", reason: "redis_unavailable", scope: "key", scopeId: "key_1", requests: 1, instanceId: "gw-1" },
      { policyId: "qp_open", requestId: "req_4", reason: "counters_rebuilding", scope: "key", scopeId: "key_1", requests: 3, instanceId: "gw-1" },
    ]);
    expect(published[0]?.topic).toBe("llmserve.quota.fail-opened.v1");
    expect(logs.lines.filter((line) => line.msg === "quota policy failed open: request admitted unchecked")).toHaveLength(2);
    const metrics = await registry.getSingleMetricAsString("llmserve_quota_fail_open_total");
    expect(metrics).toContain('llmserve_quota_fail_open_total{scope="key",reason="redis_unavailable",service="test",instance="i"} 3');
  });
});
