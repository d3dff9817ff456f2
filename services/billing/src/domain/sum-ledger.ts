import { AppError } from "@llm-serve/common";
import type { BillingDeps } from "./billing-deps.js";

const GROUP_COLUMNS = { org: "org_id", project: "project_id", key: "key_id", model: "model", provider: "provider", deployment: "deployment_id", status: "status" } as const;
export type LedgerGrouping = keyof typeof GROUP_COLUMNS;
export type LedgerGroupColumn = (typeof GROUP_COLUMNS)[LedgerGrouping];

export interface LedgerSumFilter {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
  from: Date;
  to: Date;
  groupBy: readonly LedgerGroupColumn[];
}

export interface LedgerSum {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
  currency: string;
  amountMicros: bigint;
  lines: number;
}

/**
 * Sums of the ledger lines of [start, end) by event time, filtered and grouped (always by currency):
 * the cost analytics reports, read through this RPC rather than from billing's tables.
 */
export async function sumLedger(
  deps: Pick<BillingDeps, "ledger">,
  input: { orgId: string; projectId: string; keyId: string; model: string; provider: string; deploymentId: string; status: string; start: string; end: string; groupBy: readonly string[] },
): Promise<LedgerSum[]> {
  const from = parseTime(input.start, "start");
  const to = parseTime(input.end, "end");
  if (to <= from) throw new AppError("invalid_request", "end must be after start", { details: { param: "end" } });
  const groupBy = input.groupBy.map((name) => {
    if (!(name in GROUP_COLUMNS)) throw new AppError("invalid_request", `group_by must be any of ${Object.keys(GROUP_COLUMNS).join(", ")}`, { details: { param: "group_by" } });
    return GROUP_COLUMNS[name as LedgerGrouping];
  });
  return deps.ledger.sum({ orgId: input.orgId, projectId: input.projectId, keyId: input.keyId, model: input.model, provider: input.provider, deploymentId: input.deploymentId, status: input.status, from, to, groupBy: [...new Set(groupBy)] });
}

function parseTime(value: string, param: string): Date {
  const time = Date.parse(value);
  if (value === "" || !Number.isFinite(time)) throw new AppError("invalid_request", `${param} must be an RFC 3339 time`, { details: { param } });
  return new Date(time);
}
