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
  /** `usage`: ledger lines; `volume_tier`: the cycle's volume discount on `planId` (ADR 0021, 0 or negative). */
  kind: "usage" | "volume_tier";
  planId: string;
}

/** An org's spend on one plan in one currency over a cycle (the sum of its lines): a tier's volume. */
export interface PlanVolume {
  planId: string;
  currency: string;
  volumeMicros: bigint;
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
