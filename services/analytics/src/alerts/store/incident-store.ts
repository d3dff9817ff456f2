import { randomUUID } from "node:crypto";
import { enqueueEvents, type EncodedEvent, type Knex, type ListOrder } from "@llm-serve/common";

export interface Incident {
  id: string;
  ruleId: string;
  firedValue: number;
  firedAt: Date;
  resolvedValue: number | null;
  resolvedAt: Date | null;
}

export interface Transition {
  /** The event for the outbox and the webhook body, built from the incident. */
  event(incident: Incident): { encoded: EncodedEvent; webhookBody: string };
  /** Where the webhook goes; empty = no delivery. */
  webhookUrl: string;
}

/**
 * Incidents of alert rules. Opening and closing are each one statement that only one caller can
 * win (a unique partial index on firing incidents; an UPDATE of the firing row), committed with the
 * event in the outbox and the webhook delivery: however many analytics instances evaluate the same
 * rule, an incident fires once and resolves once.
 */
export class IncidentStore {
  constructor(private readonly db: Knex) {}

  /** Opens an incident unless one is firing; undefined when another evaluation got there first. */
  async open(ruleId: string, value: number, transition: Transition): Promise<Incident | undefined> {
    return this.db.transaction(async (trx) => {
      const result = await trx.raw(
        `INSERT INTO alert_incidents (id, rule_id, state, fired_value, fired_at) VALUES (?, ?, 'firing', ?, now())
         ON CONFLICT (rule_id) WHERE state = 'firing' DO NOTHING
         RETURNING id, rule_id, fired_value, fired_at, resolved_value, resolved_at`,
        [randomUUID(), ruleId, value],
      );
      const row = (result.rows as IncidentRow[])[0];
      if (!row) return undefined;
      const incident = fromRow(row);
      await this.#record(trx, incident, "fired", transition);
      return incident;
    });
  }

  /** Closes the rule's firing incident; undefined when none was firing (or another caller closed it). */
  async resolve(ruleId: string, value: number, transition: Transition): Promise<Incident | undefined> {
    return this.db.transaction(async (trx) => {
      const rows: IncidentRow[] = await trx("alert_incidents")
        .where({ rule_id: ruleId, state: "firing" })
        .update({ state: "resolved", resolved_value: value, resolved_at: trx.fn.now() })
        .returning(["id", "rule_id", "fired_value", "fired_at", "resolved_value", "resolved_at"]);
      const row = rows[0];
      if (!row) return undefined;
      const incident = fromRow(row);
      await this.#record(trx, incident, "resolved", transition);
      return incident;
    });
  }

  /** A page of a rule's incidents by (fired_at, id): `desc` newest first (the default), `asc` oldest first. */
  /** Whether the incident `id` (a UUID) is one of the rule's: a cursor of its history. */
  async isOf(ruleId: string, id: string): Promise<boolean> {
    return (await this.db("alert_incidents").where({ rule_id: ruleId, id }).first("id")) !== undefined;
  }

  async list(ruleId: string, limit: number, after: string, order: ListOrder = "desc"): Promise<{ incidents: Array<Incident & { state: string }>; hasMore: boolean }> {
    const query = this.db("alert_incidents").where({ rule_id: ruleId });
    // Past the cursor incident in (fired_at, id) order; a cursor of another rule matches nothing.
    const past = order === "desc" ? "<" : ">";
    if (after !== "") query.whereRaw(`(fired_at, id) ${past} (SELECT fired_at, id FROM alert_incidents WHERE rule_id = ? AND id = ?)`, [ruleId, after]);
    const rows: Array<IncidentRow & { state: string }> = await query.orderBy([{ column: "fired_at", order }, { column: "id", order }]).limit(limit + 1).select("id", "rule_id", "state", "fired_value", "fired_at", "resolved_value", "resolved_at");
    return { incidents: rows.slice(0, limit).map((row) => ({ ...fromRow(row), state: row.state })), hasMore: rows.length > limit };
  }

  async firing(ruleId: string): Promise<boolean> {
    return (await this.db("alert_incidents").where({ rule_id: ruleId, state: "firing" }).first("id")) !== undefined;
  }

  async #record(trx: Knex.Transaction, incident: Incident, kind: "fired" | "resolved", transition: Transition): Promise<void> {
    const { encoded, webhookBody } = transition.event(incident);
    await enqueueEvents(trx, [encoded]);
    if (!transition.webhookUrl) return;
    await trx("alert_deliveries").insert({ id: randomUUID(), incident_id: incident.id, rule_id: incident.ruleId, transition: kind, url: transition.webhookUrl, body: webhookBody });
  }
}

interface IncidentRow {
  id: string;
  rule_id: string;
  fired_value: number;
  fired_at: Date;
  resolved_value: number | null;
  resolved_at: Date | null;
}

function fromRow(row: IncidentRow): Incident {
  return { id: row.id, ruleId: row.rule_id, firedValue: Number(row.fired_value), firedAt: row.fired_at, resolvedValue: row.resolved_value === null ? null : Number(row.resolved_value), resolvedAt: row.resolved_at };
}
