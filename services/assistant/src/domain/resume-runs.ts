import { AppError } from "@llm-serve/common";
import type { AssistantDeps } from "./deps.js";
import { nowSeconds, type RunObject } from "./objects.js";
import { advanceRun, failRun, RUN_LEASE_MS, RunEvents, saveRun, type RunCaller } from "./run-executor.js";

type AbandonedRow = { id: string; project_id: string; principal_json: string; body: RunObject };

/**
 * Picks up the runs no instance is advancing any more (a lease that ran out: the instance that held it
 * stopped or crashed): a queued or in-progress run is advanced again from its last saved state (its
 * model call is made again), a cancelling one ends cancelled, and one that waited for tool outputs
 * past expires_at expires. So no run stays in progress for ever. Returns how many it took over.
 */
export async function resumeAbandonedRuns(deps: AssistantDeps): Promise<number> {
  const now = new Date();
  const rows = (await deps
    .db("runs")
    .whereIn("status", ["queued", "in_progress", "cancelling"])
    .where((query) => query.whereNull("lease_until").orWhere("lease_until", "<", now))
    .orderBy("seq")
    .limit(100)
    .select("id", "project_id", "principal_json", "body")) as AbandonedRow[];
  let taken = 0;
  for (const row of rows) {
    // Claimed by moving the lease: of two instances sweeping at once, one wins each run.
    const claimed = await deps
      .db("runs")
      .where({ id: row.id })
      .where((query) => query.whereNull("lease_until").orWhere("lease_until", "<", now))
      .update({ lease_until: new Date(Date.now() + RUN_LEASE_MS) });
    if (claimed === 0) continue;
    taken += 1;
    const run = row.body;
    if (run.status === "cancelling") {
      await saveRun(deps, { projectId: row.project_id, requestId: `resume-${run.id}` }, { ...run, status: "cancelled", cancelled_at: nowSeconds(), expires_at: null });
      continue;
    }
    const caller = { projectId: row.project_id, principalJson: row.principal_json, requestId: `resume-${run.id}` };
    deps.inBackground(run.id, () => resume(deps, caller, run));
  }
  await expireWaitingRuns(deps);
  return taken;
}

/** A key revoked (or expired) since the run started gets no more model calls: the run fails, saying why. */
async function resume(deps: AssistantDeps, caller: RunCaller, run: RunObject): Promise<RunObject> {
  const refusal = await deps.keys.refusal(caller.principalJson);
  if (refusal !== undefined) return failRun(deps, caller, run, new AppError("permission_denied", refusal), new RunEvents());
  return advanceRun(deps, caller, run, new RunEvents());
}

async function expireWaitingRuns(deps: AssistantDeps): Promise<void> {
  const rows = (await deps.db("runs").where({ status: "requires_action" }).whereRaw("(body->>'expires_at')::bigint < ?", [nowSeconds()]).limit(100).select("project_id", "body")) as AbandonedRow[];
  for (const row of rows) await saveRun(deps, { projectId: row.project_id, requestId: `expire-${row.body.id}` }, { ...row.body, status: "expired", required_action: null }, ["requires_action"]);
}
