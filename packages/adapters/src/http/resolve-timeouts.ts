import { DEFAULT_TIMEOUTS, type Timeouts } from "../spec/call-context.js";

/** Merges per-call overrides over defaults; an absolute deadline shortens the total budget. */
export function resolveTimeouts(overrides: Partial<Timeouts> | undefined, deadline?: number, now = Date.now()): Timeouts {
  const merged: Timeouts = { ...DEFAULT_TIMEOUTS, ...definedOnly(overrides ?? {}) };
  if (deadline !== undefined) merged.totalMs = Math.max(0, Math.min(merged.totalMs, deadline - now));
  return merged;
}

function definedOnly(values: Partial<Timeouts>): Partial<Timeouts> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<Timeouts>;
}
