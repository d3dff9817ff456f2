import { enqueueEvents, type EncodedEvent, type Knex } from "@llm-serve/common";

export interface NoticeKey {
  kind: "warning" | "exceeded";
  policyId: string;
  subjectId: string;
  dimension: string;
  cycleId: string;
  thresholdBps: number;
}

/** Published notices: the unique key is what makes each warning and exceeded event exactly-once. */
export class NoticeStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records the notice and enqueues its event in the outbox, in one transaction; returns false
   * (enqueuing nothing) when this notice had been recorded already.
   */
  async recordOnce(key: NoticeKey, event: EncodedEvent): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const inserted = await trx("quota_notices")
        .insert({
          event_id: event.eventId,
          kind: key.kind,
          policy_id: key.policyId,
          subject_id: key.subjectId,
          dimension: key.dimension,
          cycle_id: key.cycleId,
          threshold_bps: key.thresholdBps,
        })
        .onConflict(["kind", "policy_id", "subject_id", "dimension", "cycle_id", "threshold_bps"])
        .ignore()
        .returning("event_id");
      if (inserted.length === 0) return false;
      await enqueueEvents(trx, [event]);
      return true;
    });
  }

  async count(filter: Partial<NoticeKey>): Promise<number> {
    const where = Object.fromEntries(
      Object.entries({ kind: filter.kind, policy_id: filter.policyId, subject_id: filter.subjectId, dimension: filter.dimension, cycle_id: filter.cycleId }).filter(([, value]) => value !== undefined),
    );
    const [row] = await this.db("quota_notices").where(where).count<{ count: number }[]>({ count: "*" });
    return Number(row?.count ?? 0);
  }
}
