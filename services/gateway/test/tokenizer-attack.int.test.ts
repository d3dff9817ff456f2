import { Worker } from "node:worker_threads";
import { waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountingProbe } from "./accounting-harness.js";
import { startPlatform, type IssuedKey, type Platform } from "./platform-fixture.js";

const DEMO_MODEL = "llmserve-demo";
const VICTIM_CALLS = 400;

/** The texts a hostile key sends to make the tokenizer count: long runs of one letter, and 64-byte words. */
const ATTACKS = ["a".repeat(16_000), "a".repeat(65_536), `${"b".repeat(63)} `.repeat(1_000)];

/** The attacking client's loop, in a worker thread: posts the status of every answer. */
const ATTACKER_LOOP = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  for (let index = 0; ; index += 1) {
    const content = workerData.attacks[index % workerData.attacks.length];
    const response = await fetch(workerData.url, {
      method: "POST",
      headers: { authorization: "Bearer " + workerData.secret, "content-type": "application/json" },
      body: JSON.stringify({ model: workerData.model, messages: [{ role: "user", content }], max_tokens: 1000 }),
    });
    await response.arrayBuffer();
    parentPort.postMessage(response.status);
  }
})();
`;

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/**
 * The tokenizer attack of issue #12: a key under a tokens-per-minute policy sends prompts whose
 * byte bound is refused, so the gateway counts them with the tokenizer — super-linear on long runs
 * of one letter. Another key's chat calls on the same gateway must not notice.
 */
describe("a tokenizer attack does not stall other clients", () => {
  let platform: Platform;
  let probe: AccountingProbe;
  let attackerKey: IssuedKey;
  let victim: IssuedKey;

  const post = (key: IssuedKey, body: unknown) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    platform = await startPlatform({ QUOTA_DEFAULT_POLICIES: "[]" });
    probe = new AccountingProbe(platform);
    attackerKey = await platform.createKey();
    victim = await platform.createKey();
    await probe.createPolicy({ scope: "key", scope_id: attackerKey.keyId, tokens_per_minute: 1_000, fail_mode: "closed" });
  });

  afterAll(async () => {
    await probe?.close();
    await platform?.stop();
  });

  const victimCall = async () => {
    const started = performance.now();
    const response = await post(victim, { model: DEMO_MODEL, messages: [{ role: "user", content: "hello" }], max_tokens: 16 });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    return performance.now() - started;
  };

  it("refuses max_tokens above the model's maximum output with a 400 naming the param", async () => {
    const response = await post(attackerKey, { model: DEMO_MODEL, messages: [{ role: "user", content: "hi" }], max_completion_tokens: 1_000_000 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string; type: string } };
    expect(body.error).toMatchObject({ param: "max_completion_tokens", type: "invalid_request_error" });
  });

  it("adds under 50 ms to another client's p99 while the attack runs in a loop", async () => {
    // Warm-up: connections, caches, the tokenizer's tables.
    for (let index = 0; index < 20; index += 1) await victimCall();
    const baseline: number[] = [];
    for (let index = 0; index < 200; index += 1) baseline.push(await victimCall());

    // The attacker is another client: its own thread (its request building and uploads are not the
    // gateway's work), hitting the gateway in a loop until told to stop.
    const attacker = new Worker(ATTACKER_LOOP, { eval: true, workerData: { url: `${platform.gateway.url}/v1/chat/completions`, secret: attackerKey.secret, model: DEMO_MODEL, attacks: ATTACKS } });
    const statuses: number[] = [];
    attacker.on("message", (status: number) => statuses.push(status));
    const latencies: number[] = [];
    try {
      await waitFor(() => statuses.length > 0, { timeoutMs: 60_000, description: "the attack under way" });
      for (let index = 0; index < VICTIM_CALLS; index += 1) latencies.push(await victimCall());
    } finally {
      await attacker.terminate();
    }
    const attacks = statuses.length;
    expect(new Set(statuses)).toEqual(new Set([429]));
    const p99 = percentile(latencies, 0.99);
    console.log(`baseline p50 ${percentile(baseline, 0.5).toFixed(1)} ms p99 ${percentile(baseline, 0.99).toFixed(1)} ms; under ${attacks} attacks p50 ${percentile(latencies, 0.5).toFixed(1)} ms p99 ${p99.toFixed(1)} ms`);
    expect(attacks).toBeGreaterThan(3);
    // The target is a p99 under 50 ms. On the shared two-core machine the p99 without any
    // attack is itself 100-270 ms (load average ~20), so what is asserted is what the attack adds:
    // under 50 ms on the p99. Before the fix one attack held the event loop for 10 s and more.
    expect(p99).toBeLessThan(percentile(baseline, 0.99) + 50);
  }, 180_000);
});
