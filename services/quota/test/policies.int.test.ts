import { Redis, type AppError } from "@llm-serve/common";
import { captureLogs, waitFor } from "@llm-serve/testkit";

import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { protoPolicy, startQuotaHarness, type QuotaHarness } from "./harness.js";
import { startQuota } from "../src/app.js";

describe("quota policies over gRPC, with defaults from Nacos", () => {
  const logs = captureLogs("quota");
  let harness: QuotaHarness;

  beforeAll(async () => {
    harness = await startQuotaHarness("qpol", logs.logger);
  });
  afterAll(() => harness?.stop());

  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as AppError);

  it("creates, reads, lists, updates with optimistic concurrency and deletes a policy", async () => {
    const { policy } = await harness.client.createPolicy({
      policy: protoPolicy({ scope: "project", scopeId: "proj_1", requestsPerMinute: 60, tokenBudget: { limit: 10_000, period: "rolling_days:7" }, warningThresholdsBps: [9000] }),
    });
    expect(policy).toMatchObject({ id: expect.stringMatching(/^qp_[0-9a-f]{24}$/), scope: "project", scopeId: "proj_1", requestsPerMinute: 60, version: 1, isDefault: false });
    expect(policy?.tokenBudget).toEqual({ limit: 10_000, period: "rolling_days:7" });
    expect(policy?.tokensPerMinute).toBeUndefined();
    expect((await harness.client.getPolicy({ id: policy!.id })).policy).toEqual(policy);

    const duplicate = await failure(harness.client.createPolicy({ policy: protoPolicy({ scope: "project", scopeId: "proj_1", requestsPerMinute: 5 }) }));
    expect(duplicate?.code).toBe("conflict");

    const updated = await harness.client.updatePolicy({ policy: { ...policy!, requestsPerMinute: 120 }, expectedVersion: 1 });
    expect(updated.policy).toMatchObject({ requestsPerMinute: 120, version: 2 });
    const stale = await failure(harness.client.updatePolicy({ policy: { ...policy!, requestsPerMinute: 1 }, expectedVersion: 1 }));
    expect(stale?.code).toBe("conflict");
    const moved = await failure(harness.client.updatePolicy({ policy: { ...policy!, scopeId: "proj_2" }, expectedVersion: 0 }));
    expect(moved?.code).toBe("invalid_request");

    const listed = await harness.client.listPolicies({ scope: "project", scopeId: "", orgId: "org_1", pageSize: 10, pageToken: "" });
    expect(listed.policies.map((entry) => entry.id)).toEqual([policy!.id]);

    await harness.client.deletePolicy({ id: policy!.id });
    expect((await failure(harness.client.getPolicy({ id: policy!.id })))?.code).toBe("not_found");
  });

  it("keeps a policy's owner, organization and subject as created (ADR 0016)", async () => {
    const { policy } = await harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: "key_owned", requestsPerMinute: 5, owner: "org" }) });
    const unstated = await harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: "key_unstated", requestsPerMinute: 5 }) });
    onTestFinished(async () => {
      for (const id of [policy!.id, unstated.policy!.id]) await harness.client.deletePolicy({ id });
    });
    const movedOrg = await failure(harness.client.updatePolicy({ policy: { ...policy!, orgId: "org_2" }, expectedVersion: 0 }));
    expect(movedOrg).toMatchObject({ code: "invalid_request", details: { param: "org_id" } });
    expect(policy).toMatchObject({ owner: "org", orgId: "org_1" });
    const promoted = await harness.client.updatePolicy({ policy: { ...policy!, requestsPerMinute: 6, owner: "platform" }, expectedVersion: 0 });
    expect(promoted.policy).toMatchObject({ owner: "org", orgId: "org_1", requestsPerMinute: 6, version: 2 });
    expect((await failure(harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: "key_root", requestsPerMinute: 5, owner: "root" }) })))?.code).toBe("invalid_request");
    expect(unstated.policy?.owner).toBe("platform");
  });

  it("names every problem of an invalid policy at once", async () => {
    const error = await failure(
      harness.client.createPolicy({ policy: protoPolicy({ scope: "team", scopeId: "", tokenBudget: { limit: 5, period: "fortnight" }, timezone: "Mars/Olympus" }) }),
    );
    expect(error?.code).toBe("invalid_request");
    const params = (error?.details.problems as Array<{ param: string }>).map((problem) => problem.param);
    expect(params).toEqual(expect.arrayContaining(["scope", "token_budget.period", "timezone"]));
    const empty = await failure(harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: "key_1" }) }));
    expect(empty?.message).toContain("sets no limit");
  });

  it("pages through policies by id", async () => {
    for (const index of [1, 2, 3]) await harness.client.createPolicy({ policy: protoPolicy({ scope: "key", scopeId: `key_page_${index}`, maxConcurrentRequests: index }) });
    const first = await harness.client.listPolicies({ scope: "key", scopeId: "", orgId: "", pageSize: 2, pageToken: "" });
    const second = await harness.client.listPolicies({ scope: "key", scopeId: "", orgId: "", pageSize: 2, pageToken: first.nextPageToken });
    expect(first.policies).toHaveLength(2);
    expect(second.policies).toHaveLength(1);
    expect(second.nextPageToken).toBe("");
  });

  it("serves defaults in the snapshot and hot-reloads them from Nacos, announcing the change", async () => {
    const before = await harness.client.getPolicySnapshot({});
    expect(before.settings?.defaultPolicies).toEqual([expect.objectContaining({ id: "default.key", scope: "key", scopeId: "", requestsPerMinute: 600, failMode: "open", isDefault: true })]);
    expect(before.settings).toMatchObject({ timezone: "UTC", warningThresholdsBps: [8000, 9500] });
    expect((await harness.client.getPolicy({ id: "default.key" })).policy?.isDefault).toBe(true);

    const subscriber = new Redis(harness.env.REDIS_URL!);
    const announcements: string[] = [];
    await subscriber.subscribe(harness.layout.policyChannel);
    subscriber.on("message", (_channel, message) => announcements.push(message));
    const document = [
      `QUOTA_DEFAULT_POLICIES=[{"scope":"project","cost_budget":{"limit_micros":5000000,"period":"month"},"fail_mode":"closed"}]`,
      `QUOTA_TIMEZONE=Asia/Shanghai`,
    ].join("\n");
    await harness.nacos.publishConfig("llm-serve.quota", harness.isolation, document);
    const after = await waitFor(async () => {
      const snapshot = await harness.client.getPolicySnapshot({});
      return snapshot.version !== before.version ? snapshot : undefined;
    }, { description: "the new defaults" });
    expect(after.settings?.defaultPolicies.map((policy) => policy.id)).toEqual(["default.project"]);
    expect(after.settings?.timezone).toBe("Asia/Shanghai");
    // Prices are billing's plans only (ADR 0021): none here, and none from the configuration.
    expect(after.settings?.prices).toEqual([]);
    expect(after.settings?.priceBook).toMatchObject({ plans: [], attachments: [], modifiers: [] });
    await waitFor(() => announcements.length > 0, { description: "a policy-change announcement" });
    await subscriber.quit();

    await harness.nacos.publishConfig("llm-serve.quota", harness.isolation, `QUOTA_DEFAULT_POLICIES=[{"scope":"team"}]`);
    await waitFor(() => logs.lines.some((line) => String(line.msg).startsWith("runtime configuration refused") && JSON.stringify(line.problems).includes("QUOTA_DEFAULT_POLICIES")), {
      description: "an invalid document is refused",
    });
    expect((await harness.client.getPolicySnapshot({})).version).toBe(after.version);

    // The removed price setting is refused, not silently ignored: it no longer prices anything.
    await harness.nacos.publishConfig("llm-serve.quota", harness.isolation, `QUOTA_MODEL_PRICES={"llmserve-demo":{"prompt_micros_per_million_tokens":1000000,"completion_micros_per_million_tokens":2000000}}`);
    await waitFor(() => logs.lines.some((line) => String(line.msg).startsWith("runtime configuration refused") && JSON.stringify(line.problems).includes("QUOTA_MODEL_PRICES was removed")), {
      description: "a document still carrying QUOTA_MODEL_PRICES is refused",
    });
    expect((await harness.client.getPolicySnapshot({})).version).toBe(after.version);
  });

  it("refuses to start while QUOTA_MODEL_PRICES is set, naming the migration", async () => {
    const env = { ...harness.env, DATABASE_SCHEMA: `${harness.env.DATABASE_SCHEMA ?? "q"}_old`, QUOTA_MODEL_PRICES: `{"llmserve-demo":{"prompt_micros_per_million_tokens":1,"completion_micros_per_million_tokens":1}}` };
    await expect(startQuota(env, { logger: logs.logger })).rejects.toThrow(/QUOTA_MODEL_PRICES was removed: billing's price plans are the only source of prices/);
  });
});
