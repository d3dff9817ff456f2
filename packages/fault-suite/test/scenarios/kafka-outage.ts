import { startModelRegistry } from "@llm-serve/model-registry";
import { waitFor } from "@llm-serve/testkit";
import { expect } from "vitest";
import { recordFigures } from "../support/figures.js";
import { Load, chat, figuresOf } from "../support/load.js";
import { UsageTap, awaitReconciled } from "../support/usage-record.js";
import { hold, type FaultContext } from "./context.js";

const OUTAGE_MS = 30_000;

/**
 * Scenario 1: the broker dies (SIGKILL) under load and stays away 30 s. No request may fail; after
 * it returns, every usage event must reach quota, billing and analytics exactly once (through the
 * outboxes): successful requests = usage events = ledger lines = analytics records, and the quota
 * counter equals the tokens the clients were told.
 */
export async function kafkaOutage({ platform, kafka, logger }: FaultContext): Promise<void> {
  const key = await platform.meteredKey();
  const tap = await UsageTap.open(platform, key.keyId, logger);
  try {
    const load = new Load(4, () => chat(platform.gateway.url, key.secret));
    await waitFor(() => load.outcomes.length >= 40, { timeoutMs: 60_000, description: "load running" });
    const stoppedAt = Date.now();
    await kafka.kill();
    await hold(OUTAGE_MS - (Date.now() - stoppedAt));
    const duringOutage = figuresOf(load.between(stoppedAt));
    const startBeganAt = Date.now();
    await kafka.start();
    const restartedAt = Date.now();

    // A service starting right after the broker returned (the start failure seen with
    // deploy/local/services.sh: the broker lists the topics but does not host their partitions
    // yet) must wait for it, not exit.
    const fresh = await startModelRegistry({ ...platform.env, DATABASE_SCHEMA: `mr2_${platform.isolation}` }, logger);
    const freshStartMs = Date.now() - restartedAt;
    await fresh.stop();

    await waitFor(() => load.between(restartedAt).length >= 40, { timeoutMs: 60_000, description: "load after the outage" });
    const outcomes = await load.stop();
    const successes = outcomes.filter((outcome) => outcome.status === 200);
    const successIds = new Set(successes.map((outcome) => outcome.requestId));
    const tokens = successes.reduce((sum, outcome) => sum + outcome.totalTokens, 0);
    const { figures } = await awaitReconciled(platform, tap, key, successIds, tokens);
    const loadFigures = figuresOf(outcomes);

    recordFigures("1-kafka-outage", {
      outageMs: restartedAt - stoppedAt,
      killedToStartCommandMs: startBeganAt - stoppedAt,
      brokerStartMs: restartedAt - startBeganAt,
      load: loadFigures,
      duringOutage,
      reconciliation: figures,
      reconciledAfterKafkaReturnedMs: Date.now() - restartedAt,
      serviceReadyAfterKafkaReturnedMs: freshStartMs,
    });
    expect(duringOutage.requests).toBeGreaterThan(20);
    expect(loadFigures.failed).toBe(0);
    expect(figures).toMatchObject({ usageEvents: successIds.size, ledgerLines: successIds.size, analyticsRecords: successIds.size, duplicated: 0, missing: 0, quotaUsedTokens: tokens, quotaHeldTokens: 0 });
  } finally {
    await tap.close();
  }
}
