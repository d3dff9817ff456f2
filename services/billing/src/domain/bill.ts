/** A billing account: the cycle starts on `anchorDay` at 00:00 in `timezone`, every month. */
export interface BillingAccount {
  orgId: string;
  anchorDay: number;
  timezone: string;
}

export const DEFAULT_ACCOUNT = { anchorDay: 1, timezone: "UTC" } as const;

export interface Cycle {
  start: Date;
  end: Date;
}

export interface CurrencyAmount {
  currency: string;
  amountMicros: bigint;
}

export interface BillItem {
  projectId: string;
  keyId: string;
  model: string;
  currency: string;
  /** Usage of an earlier, already closed cycle that arrived after its close. */
  adjustment: boolean;
  requests: number;
  estimatedRequests: number;
  amountMicros: bigint;
}

/** A closed cycle's frozen bill. */
export interface Bill {
  id: string;
  orgId: string;
  cycle: Cycle;
  closedAt: Date;
  ledgerLines: number;
  totals: CurrencyAmount[];
  items: BillItem[];
}
