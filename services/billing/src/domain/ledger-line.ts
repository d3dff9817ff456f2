import type { UsageQuantities } from "@llm-serve/pricing";

/** One priced usage event: a line of the append-only ledger. */
export interface LedgerLine {
  eventId: string;
  requestId: string;
  orgId: string;
  projectId: string;
  keyId: string;
  model: string;
  deploymentId: string;
  provider: string;
  endpoint: string;
  /** The usage event's status (succeeded, failed, cancelled); "" on lines older than the column. */
  status: string;
  planId: string;
  planVersion: number;
  currency: string;
  amountMicros: bigint;
  orgMultiplierPpm: bigint;
  projectMultiplierPpm: bigint;
  /** The vendor gave no usage: the gateway counted the tokens. */
  estimated: boolean;
  quantities: UsageQuantities;
  occurredAt: Date;
}

/** A usage event no plan could price yet, with why. */
export interface PendingUsage {
  eventId: string;
  model: string;
  reason: string;
  /** The event as received: `{ envelope, payload }` with the payload in proto3 JSON. */
  event: unknown;
}
