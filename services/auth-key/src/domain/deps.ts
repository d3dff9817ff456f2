import type { Stores } from "../store/stores.js";

/** What every domain verb receives. */
export interface AuthKeyDeps {
  /** Repositories outside any transaction (reads). */
  stores: Stores;
  /** One transaction: the state change, its audit record and its events commit together. */
  transact<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  /** Server-side secret of the keyed hashes. */
  pepper: string;
  now(): Date;
  events: { source: string; namespace: string };
  /** How long a rotated key's old secret keeps working when the caller names no grace period. */
  defaultGraceSeconds: number;
  maxGraceSeconds: number;
}
