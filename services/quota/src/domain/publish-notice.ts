import { createHash } from "node:crypto";
import { TOPICS } from "@llm-serve/common";
import type { QuotaNotice } from "@llm-serve/quota-engine";
import type { NoticeKey } from "../store/notice-store.js";
import type { QuotaDeps } from "./quota-deps.js";

/** The same notice always gets the same event id, so even a duplicate that slipped through dedupes downstream. */
function eventIdOf(key: NoticeKey): string {
  const hex = createHash("sha256").update(JSON.stringify(key)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Turns a notice from the Redis stream into its event, through the outbox, exactly once per
 * threshold (or first denial) per policy, subject, dimension and cycle — also if Redis forgot its
 * markers and noticed the crossing a second time. Returns whether an event was enqueued.
 */
export async function publishNotice(deps: Pick<QuotaDeps, "notices" | "encode" | "kickRelay">, notice: QuotaNotice): Promise<boolean> {
  const { ref } = notice;
  const key: NoticeKey = { kind: notice.kind, policyId: ref.policyId, subjectId: ref.subjectId, dimension: ref.dimension, cycleId: ref.cycleId, thresholdBps: notice.kind === "warning" ? notice.thresholdBps : 0 };
  const common = { policyId: ref.policyId, scope: ref.scope, scopeId: ref.subjectId, dimension: ref.dimension, limit: ref.limit, used: notice.used, periodStart: ref.periodStart, periodEnd: ref.periodEnd, model: ref.model, requestId: notice.requestId };
  const base = { key: ref.policyId, subject: `${ref.policyId}/${ref.subjectId}`, requestId: notice.requestId, eventId: eventIdOf(key), time: new Date(notice.atMs || Date.now()) };
  const event =
    notice.kind === "warning"
      ? deps.encode({ ...base, topic: TOPICS.quotaWarning, payload: { ...common, thresholdBps: notice.thresholdBps } })
      : deps.encode({ ...base, topic: TOPICS.quotaExceeded, payload: { ...common, requested: notice.requested } });
  const recorded = await deps.notices.recordOnce(key, event);
  if (recorded) deps.kickRelay();
  return recorded;
}
