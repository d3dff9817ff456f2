import { uniqueId, waitFor } from "@llm-serve/testkit";
import { expect } from "vitest";
import { recordFigures } from "../support/figures.js";
import { Load, chat, figuresOf } from "../support/load.js";
import { UsageTap, awaitReconciled } from "../support/usage-record.js";
import { hold, type FaultContext } from "./context.js";

const DOWN_MS = 10_000;

/**
 * Scenario 3: Postgres (every service's database) restarted under load. Chat requests are served
 * from the gateway's caches (key verification, catalogue, quota policies on Redis) and must keep
 * working; their usage events are queued (the gateway's group-commit outbox keeps them in memory and
 * retries) and reach every consumer exactly once afterwards. An admin write attempted meanwhile is
 * refused cleanly or done whole: nothing half-written.
 */
export async function postgresRestart({ platform, postgres, logger }: FaultContext): Promise<void> {
  const key = await platform.meteredKey();
  const tap = await UsageTap.open(platform, key.keyId, logger);
  try {
    const load = new Load(4, () => chat(platform.gateway.url, key.secret));
    await waitFor(() => load.outcomes.length >= 40, { timeoutMs: 60_000, description: "load running" });
    const stoppedAt = Date.now();
    await postgres.stop();
    // Writes while Postgres is away: an organization (auth-key) and a quota policy (quota).
    const writes: Array<{ name: string; status: number; body: unknown }> = [];
    const writeOnce = async () => {
      const name = `during-outage ${uniqueId()}`;
      const answer = await platform.admin("POST", "/admin/organizations", { name });
      writes.push({ name, status: answer.status, body: answer.body });
    };
    await writeOnce();
    await hold(DOWN_MS - (Date.now() - stoppedAt));
    await writeOnce();
    await postgres.start();
    const restartedAt = Date.now();
    const writeBackAt = await waitFor(async () => ((await platform.admin("POST", "/admin/organizations", { name: `after ${uniqueId()}` })).status === 201 ? Date.now() : undefined), { timeoutMs: 60_000, intervalMs: 250, description: "admin writes accepted again" });
    await waitFor(() => load.between(restartedAt).length >= 40, { timeoutMs: 60_000, description: "load after the restart" });
    const outcomes = await load.stop();
    const successes = outcomes.filter((outcome) => outcome.status === 200);
    const successIds = new Set(successes.map((outcome) => outcome.requestId));
    const tokens = successes.reduce((sum, outcome) => sum + outcome.totalTokens, 0);
    const { figures } = await awaitReconciled(platform, tap, key, successIds, tokens);

    // Nothing half-written: each refused organization is absent, each accepted one whole.
    const organizations = platform.database("auth");
    const halfWritten: string[] = [];
    for (const write of writes) {
      const rows = await organizations("organizations").where({ name: write.name }).count<{ count: number }[]>({ count: "*" });
      const stored = Number(rows[0]?.count ?? 0);
      if (write.status === 201 ? stored !== 1 : stored !== 0) halfWritten.push(`${write.name}: answered ${write.status}, stored ${stored}`);
    }
    const loadFigures = figuresOf(outcomes);
    recordFigures("3-postgres-restart", {
      downMs: restartedAt - stoppedAt,
      load: loadFigures,
      duringRestart: figuresOf(load.between(stoppedAt, restartedAt)),
      writesDuringRestart: writes.map((write) => ({ status: write.status, code: (write.body as { error?: { code?: string } }).error?.code ?? null })),
      adminWritesBackAfterPostgresReturnedMs: writeBackAt - restartedAt,
      halfWritten: halfWritten.length,
      reconciliation: figures,
    });
    expect(loadFigures.failed).toBe(0);
    for (const write of writes) expect([201, 503]).toContain(write.status);
    expect(halfWritten).toEqual([]);
    expect(figures).toMatchObject({ usageEvents: successIds.size, ledgerLines: successIds.size, analyticsRecords: successIds.size, duplicated: 0, missing: 0, quotaUsedTokens: tokens, quotaHeldTokens: 0 });
  } finally {
    await tap.close();
  }
}
