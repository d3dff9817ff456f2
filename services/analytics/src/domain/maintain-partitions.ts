import type { Logger } from "@llm-serve/common";
import type { RecordPartitions } from "../store/record-partitions.js";

const DAY_MS = 86_400_000;

/**
 * Creates the record partitions of today and the next `aheadDays` days, and drops those of days
 * older than the retention (the retention counts whole days before today).
 */
export async function maintainPartitions(
  deps: { partitions: RecordPartitions; clock: () => number; logger: Logger },
  input: { retentionDays: number; aheadDays: number },
): Promise<{ created: Date[]; dropped: Date[] }> {
  const now = deps.clock();
  await deps.partitions.list();
  const days = Array.from({ length: input.aheadDays + 1 }, (_, index) => new Date(now + index * DAY_MS));
  const created = await deps.partitions.ensure(days);
  const dropped = await deps.partitions.dropBefore(new Date(now - input.retentionDays * DAY_MS));
  if (created.length > 0 || dropped.length > 0) deps.logger.info({ created: created.map(day), dropped: dropped.map(day) }, "invocation record partitions maintained");
  return { created, dropped };
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
