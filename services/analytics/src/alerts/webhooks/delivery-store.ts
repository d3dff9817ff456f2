import type { Knex } from "@llm-serve/common";

export interface DueDelivery {
  id: string;
  ruleId: string;
  transition: string;
  url: string;
  body: string;
  attempts: number;
  webhookSecretSealed: string | null;
}

/** Webhook deliveries: claimed with SKIP LOCKED, so two analytics instances never send the same one at once. */
export class DeliveryStore {
  constructor(private readonly db: Knex) {}

  /**
   * Claims up to `limit` due deliveries: each claim counts an attempt and pushes its next attempt
   * past `leaseMs`, so a sender that dies mid-post leaves it to be retried, not lost.
   */
  async claimDue(limit: number, maxAttempts: number, leaseMs: number): Promise<DueDelivery[]> {
    const result = await this.db.raw(
      `UPDATE alert_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
       FROM alert_rules r
       WHERE d.id IN (SELECT id FROM alert_deliveries WHERE delivered_at IS NULL AND next_attempt_at <= now() AND attempts < ?
                      ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
         AND r.id = d.rule_id
       RETURNING d.id, d.rule_id, d.transition, d.url, d.body, d.attempts, r.webhook_secret_sealed`,
      [leaseMs / 1000, maxAttempts, limit],
    );
    return (result.rows as Array<Record<string, unknown>>).map((row) => ({
      id: String(row.id),
      ruleId: String(row.rule_id),
      transition: String(row.transition),
      url: String(row.url),
      body: String(row.body),
      attempts: Number(row.attempts),
      webhookSecretSealed: (row.webhook_secret_sealed as string | null) ?? null,
    }));
  }

  async delivered(id: string): Promise<void> {
    await this.db("alert_deliveries").where({ id }).update({ delivered_at: this.db.fn.now(), last_error: null });
  }

  async failed(id: string, error: string, retryInMs: number): Promise<void> {
    await this.db("alert_deliveries")
      .where({ id })
      .update({ last_error: error.slice(0, 500), next_attempt_at: this.db.raw("now() + make_interval(secs => ?)", [retryInMs / 1000]) });
  }
}
