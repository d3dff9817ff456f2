import type { Migration } from "@llm-serve/common";

/**
 * Volume tiers (ADR 0021): a plan version's graduated discounts by an org's cycle volume, and the
 * bill item that carries a cycle's discount (`kind` = volume_tier, on `plan_id`). Adding columns
 * fires no row trigger: the append-only tables stay append-only.
 */
export const addVolumeTiers: Migration = {
  name: "0005_volume_tiers",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("plan_versions", (table) => {
      table.jsonb("volume_tiers").notNullable().defaultTo("[]");
    });
    await db.schema.withSchema(schema).alterTable("bill_items", (table) => {
      table.text("kind").notNullable().defaultTo("usage");
      table.text("plan_id").notNullable().defaultTo("");
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("bill_items", (table) => table.dropColumns("kind", "plan_id"));
    await db.schema.withSchema(schema).alterTable("plan_versions", (table) => table.dropColumn("volume_tiers"));
  },
};
