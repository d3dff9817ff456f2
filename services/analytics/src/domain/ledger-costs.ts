/** Cost of usage from billing's ledger (billing's SumLedger RPC): analytics never reads billing's tables. */
export interface LedgerCosts {
  sum(input: LedgerCostQuery): Promise<LedgerCost[]>;
}

/** Every rollup dimension but the error kind is a ledger column (ADR 0028): any report filter or grouping has its exact cost. */
export type LedgerGrouping = "org" | "project" | "key" | "model" | "provider" | "deployment" | "status";

export interface LedgerCostQuery {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
  start: string;
  end: string;
  groupBy: readonly LedgerGrouping[];
}

export interface LedgerCost {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  provider: string;
  deploymentId: string;
  status: string;
  currency: string;
  amountMicros: number;
  lines: number;
}
