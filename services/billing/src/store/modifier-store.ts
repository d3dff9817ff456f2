import { enqueueEvents, type EncodedEvent, type Knex } from "@llm-serve/common";
import type { ModifierScope, PriceModifier } from "@llm-serve/pricing";

interface ModifierRow {
  id: string;
  scope: ModifierScope;
  scope_id: string;
  multiplier_ppm: number | string;
  effective_from: Date;
  created_at: Date;
}

/** Org and project price modifiers (append-only): the only code that sees their SQL. */
export class ModifierStore {
  constructor(private readonly db: Knex) {}

  /**
   * Appends a modifier unless one of the same subject takes effect at or after it (history is never
   * rewritten: a correction is a later modifier), under an advisory lock of the subject, with the
   * event that tells price holders to refresh (same transaction, outbox).
   */
  async append(modifier: Omit<PriceModifier, "createdAt">, event: EncodedEvent): Promise<{ created: PriceModifier } | { lastEffectiveFrom: Date }> {
    return this.db.transaction(async (transaction) => {
      await transaction.raw("SELECT pg_advisory_xact_lock(hashtext(?))", [`billing.modifier:${modifier.scope}:${modifier.scopeId}`]);
      const last: ModifierRow | undefined = await transaction("price_modifiers").where({ scope: modifier.scope, scope_id: modifier.scopeId }).orderBy("effective_from", "desc").first();
      if (last && last.effective_from.getTime() >= modifier.effectiveFrom.getTime()) return { lastEffectiveFrom: last.effective_from };
      const [row] = await transaction("price_modifiers")
        .insert({ id: modifier.id, scope: modifier.scope, scope_id: modifier.scopeId, multiplier_ppm: modifier.multiplierPpm.toString(), effective_from: modifier.effectiveFrom })
        .returning("*");
      await enqueueEvents(transaction, [event]);
      return { created: fromRow(row as ModifierRow) };
    });
  }

  async list(input: { scope: string; scopeId: string }): Promise<PriceModifier[]> {
    const query = this.db("price_modifiers").orderBy([{ column: "scope" }, { column: "scope_id" }, { column: "effective_from" }]);
    if (input.scope !== "") query.where({ scope: input.scope });
    if (input.scopeId !== "") query.where({ scope_id: input.scopeId });
    return (await query).map(fromRow);
  }

  /** Every modifier of these orgs and projects (what a batch of usage needs). */
  async forSubjects(orgIds: readonly string[], projectIds: readonly string[]): Promise<PriceModifier[]> {
    const rows: ModifierRow[] = await this.db("price_modifiers")
      .where((where) => where.where({ scope: "org" }).whereIn("scope_id", [...orgIds]))
      .orWhere((where) => where.where({ scope: "project" }).whereIn("scope_id", [...projectIds]));
    return rows.map(fromRow);
  }
}

function fromRow(row: ModifierRow): PriceModifier {
  return { id: row.id, scope: row.scope, scopeId: row.scope_id, multiplierPpm: BigInt(String(row.multiplier_ppm)), effectiveFrom: row.effective_from, createdAt: row.created_at };
}
