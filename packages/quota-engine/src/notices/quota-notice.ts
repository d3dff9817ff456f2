import type { CounterRef } from "../counters/planned-counter.js";

/**
 * A fact the scripts append to the notice stream, exactly once per threshold (warning) or per
 * cycle (first denial) while Redis keeps its data; the quota service turns each into an event.
 */
export interface QuotaNotice {
  streamId: string;
  kind: "warning" | "exceeded";
  ref: CounterRef;
  /** Usage of the window after the charge (warning) or used + held when refused (exceeded). */
  used: number;
  /** The amount refused (exceeded only). */
  requested: number;
  /** The threshold crossed, in basis points (warning only). */
  thresholdBps: number;
  requestId: string;
  atMs: number;
}

function fieldsToRecord(fields: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let index = 0; index + 1 < fields.length; index += 2) record[fields[index]!] = fields[index + 1]!;
  return record;
}

export function parseNotice(streamId: string, fields: readonly string[]): QuotaNotice | Error {
  const record = fieldsToRecord(fields);
  if (record.kind !== "warning" && record.kind !== "exceeded") return new Error(`unknown notice kind: ${record.kind}`);
  let ref: CounterRef;
  try {
    ref = JSON.parse(record.ref ?? "") as CounterRef;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return {
    streamId,
    kind: record.kind,
    ref,
    used: Number(record.used ?? 0),
    requested: Number(record.requested ?? 0),
    thresholdBps: Number(record.threshold ?? 0),
    requestId: record.request ?? "",
    atMs: Number(record.at ?? 0),
  };
}
