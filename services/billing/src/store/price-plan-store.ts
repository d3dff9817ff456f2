import { enqueueEvents, type EncodedEvent, type Knex, type ListOrder } from "@llm-serve/common";
import type { PricePlan, PricePlanVersion, PriceRule, VolumeTier } from "@llm-serve/pricing";
import { rulesFromJson, rulesToJson, tiersFromJson, tiersToJson } from "./plan-json.js";

/** A version to store, and the price-plan-updated event written with it (same transaction). */
export interface NewVersion {
  effectiveFrom: Date;
  rules: readonly PriceRule[];
  volumeTiers: readonly VolumeTier[];
  event: (version: number) => EncodedEvent;
}

interface PlanRow {
  id: string;
  name: string;
  currency: string;
  created_at: Date;
}

interface VersionRow {
  plan_id: string;
  version: number;
  effective_from: Date;
  rules: unknown;
  volume_tiers: unknown;
  created_at: Date;
}

/** Plans and their versions: the only code that sees their SQL. Versions are only ever inserted. */
export class PricePlanStore {
  constructor(private readonly db: Knex) {}

  /** Inserts the plan and its first version; false when the id is taken. */
  async create(plan: { id: string; name: string; currency: string }, first: NewVersion): Promise<boolean> {
    return this.db.transaction(async (transaction) => {
      const inserted = await transaction("plans").insert(plan).onConflict("id").ignore().returning("id");
      if (inserted.length === 0) return false;
      await transaction("plan_versions").insert({ plan_id: plan.id, version: 1, effective_from: first.effectiveFrom, rules: JSON.stringify(rulesToJson(first.rules)), volume_tiers: JSON.stringify(tiersToJson(first.volumeTiers)) });
      await enqueueEvents(transaction, [first.event(1)]);
      return true;
    });
  }

  /**
   * Appends a version after the plan's last one, under a row lock of the plan so that two
   * concurrent additions cannot both pass the "later than the last" check.
   */
  async appendVersion(planId: string, input: NewVersion): Promise<{ version: number } | { refused: "not_found" | "not_later"; lastEffectiveFrom?: Date }> {
    return this.db.transaction(async (transaction) => {
      const plan = await transaction("plans").where({ id: planId }).forUpdate().first();
      if (!plan) return { refused: "not_found" as const };
      const last: VersionRow | undefined = await transaction("plan_versions").where({ plan_id: planId }).orderBy("version", "desc").first();
      if (last && last.effective_from.getTime() >= input.effectiveFrom.getTime()) return { refused: "not_later" as const, lastEffectiveFrom: last.effective_from };
      const version = (last?.version ?? 0) + 1;
      await transaction("plan_versions").insert({ plan_id: planId, version, effective_from: input.effectiveFrom, rules: JSON.stringify(rulesToJson(input.rules)), volume_tiers: JSON.stringify(tiersToJson(input.volumeTiers)) });
      await enqueueEvents(transaction, [input.event(version)]);
      return { version };
    });
  }

  async find(id: string): Promise<PricePlan | undefined> {
    const [plan] = await this.withVersions(await this.db("plans").where({ id }));
    return plan;
  }

  /** Whether a plan `id` is stored (a cursor of the plans' list). */
  async exists(id: string): Promise<boolean> {
    return (await this.db("plans").where({ id }).first("id")) !== undefined;
  }

  /** Up to `limit + 1` plans by id in `order`, after the plan `after` (in that order). */
  async list(input: { limit: number; after: string; order: ListOrder }): Promise<PricePlan[]> {
    const query = this.db("plans").orderBy("id", input.order).limit(input.limit + 1);
    if (input.after !== "") query.where("id", input.order === "asc" ? ">" : "<", input.after);
    return this.withVersions(await query);
  }

  async all(): Promise<PricePlan[]> {
    return this.withVersions(await this.db("plans").orderBy("id"));
  }

  private async withVersions(rows: PlanRow[]): Promise<PricePlan[]> {
    if (rows.length === 0) return [];
    const versions: VersionRow[] = await this.db("plan_versions").whereIn("plan_id", rows.map((row) => row.id)).orderBy(["plan_id", "version"]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      currency: row.currency,
      createdAt: row.created_at,
      versions: versions.filter((version) => version.plan_id === row.id).map(versionFromRow),
    }));
  }
}

function versionFromRow(row: VersionRow): PricePlanVersion {
  return { version: row.version, effectiveFrom: row.effective_from, rules: rulesFromJson(row.rules), volumeTiers: tiersFromJson(row.volume_tiers), createdAt: row.created_at };
}
