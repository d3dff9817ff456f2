/** Cost of usage from billing's ledger (billing's SumLedger RPC): analytics never reads billing's tables. */
export interface LedgerCosts {
  sum(input: LedgerCostQuery): Promise<LedgerCost[]>;
}

export interface LedgerCostQuery {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  start: string;
  end: string;
  groupBy: ReadonlyArray<"org" | "project" | "key" | "model">;
}

export interface LedgerCost {
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  currency: string;
  amountMicros: number;
  lines: number;
}
