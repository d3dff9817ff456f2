import type { Knex } from "@llm-serve/common";
import type { AlertRule } from "../domain/alert-rule.js";

/**
 * Failures the platform or its vendors caused: what an error-rate rule counts. A client's own
 * mistakes (bad request, unknown model, refused key) and quota refusals are not errors of a model.
 */
const SERVICE_ERRORS = ["upstream_error", "upstream_timeout", "unavailable", "internal"];

export interface Measured {
  /** Percent, milliseconds or a count, by the rule's kind. */
  value: number;
  /** Events the value stands on. */
  samples: number;
}

/**
 * Reads the rule's signal from the stored usage events of its window (received within the last
 * `windowSeconds`), narrowed to its org, model or deployment. Our own queries over the
 * `usage_events` table (its columns and its JSON payload); nothing here writes to it.
 */
export class UsageSignals {
  constructor(private readonly db: Knex) {}

  async errorRate(rule: AlertRule): Promise<Measured> {
    const row = await this.#window(rule)
      .whereIn("status", ["succeeded", "failed"])
      .first(
        this.db.raw("count(*) filter (where status = 'succeeded')::int as succeeded"),
        this.db.raw("count(*) filter (where status = 'failed' and payload->>'errorCode' = any(?))::int as failed", [SERVICE_ERRORS]),
      );
    const samples = Number(row?.succeeded ?? 0) + Number(row?.failed ?? 0);
    return { value: samples === 0 ? 0 : (Number(row?.failed ?? 0) * 100) / samples, samples };
  }

  async latencyP99(rule: AlertRule): Promise<Measured> {
    const row = await this.#window(rule)
      .where("status", "succeeded")
      .first(this.db.raw("count(*)::int as samples"), this.db.raw("percentile_disc(0.99) within group (order by (payload->>'latencyMs')::numeric) as p99"));
    return { value: Number(row?.p99 ?? 0), samples: Number(row?.samples ?? 0) };
  }

  async quotaRefusals(rule: AlertRule): Promise<Measured> {
    const row = await this.#window(rule).whereRaw("payload->>'errorCode' = ?", ["quota_exceeded"]).first(this.db.raw("count(*)::int as refusals"));
    const refusals = Number(row?.refusals ?? 0);
    return { value: refusals, samples: refusals };
  }

  #window(rule: AlertRule) {
    let query = this.db("usage_events").where("received_at", ">=", this.db.raw(`now() - make_interval(secs => ?)`, [rule.windowSeconds]));
    if (rule.orgId) query = query.where("org_id", rule.orgId);
    if (rule.deployment) query = query.whereRaw("payload->>'deploymentId' = ?", [rule.deployment]);
    else if (rule.model) query = query.where("model", rule.model);
    return query;
  }
}
