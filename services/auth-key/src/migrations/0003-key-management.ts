import type { Migration } from "@llm-serve/common";

/**
 * Full key management: names, IP allow-lists, metadata, signatures and quota references on
 * `api_keys`, and the secrets in their own table so that a rotated key can hold two secrets (the
 * new one and the old one during its grace period). Existing hashes move over unchanged.
 */
export const keyManagement: Migration = {
  name: "0003_key_management",
  async up(db, schema) {
    await db.schema.withSchema(schema).alterTable("api_keys", (table) => {
      table.text("name").notNullable().defaultTo("");
      table.specificType("ip_allow_list", "text[]").notNullable().defaultTo("{}");
      table.jsonb("metadata").notNullable().defaultTo("{}");
      table.boolean("require_signature").notNullable().defaultTo(false);
      table.specificType("quota_policy_ids", "text[]").notNullable().defaultTo("{}");
      table.text("created_by").notNullable().defaultTo("");
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("revoked_at", { useTz: true }).nullable();
      table.timestamp("rotated_at", { useTz: true }).nullable();
      table.index(["project_id"]);
    });
    // Keys made before projects existed keep working; new keys must name a real project.
    await db.raw(`ALTER TABLE ??.api_keys ADD CONSTRAINT api_keys_project_fk FOREIGN KEY (project_id) REFERENCES ??.projects (id) NOT VALID`, [schema, schema]);
    await db.schema.withSchema(schema).createTable("api_key_secrets", (table) => {
      table.text("id").primary();
      table.text("key_id").notNullable().references("id").inTable(`${schema}.api_keys`).onDelete("CASCADE");
      // HMAC-SHA256(pepper, key): the key itself is never stored.
      table.binary("key_hash").notNullable().unique();
      table.text("display_prefix").notNullable();
      table.text("last_four").notNullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      // Set when a rotation replaced this secret: the end of its grace period.
      table.timestamp("expires_at", { useTz: true }).nullable();
      table.index(["key_id"]);
    });
    await db.raw(
      `INSERT INTO ??.api_key_secrets (id, key_id, key_hash, display_prefix, last_four, created_at)
       SELECT 'ksec_' || id, id, key_hash, display_prefix, last_four, created_at FROM ??.api_keys`,
      [schema, schema],
    );
    await db.schema.withSchema(schema).alterTable("api_keys", (table) => table.dropColumn("key_hash"));
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).alterTable("api_keys", (table) => table.binary("key_hash").nullable());
    await db.raw(`UPDATE ??.api_keys k SET key_hash = s.key_hash FROM ??.api_key_secrets s WHERE s.key_id = k.id AND s.expires_at IS NULL`, [schema, schema]);
    await db.schema.withSchema(schema).dropTableIfExists("api_key_secrets");
    await db.raw(`ALTER TABLE ??.api_keys DROP CONSTRAINT IF EXISTS api_keys_project_fk`, [schema]);
    await db.schema.withSchema(schema).alterTable("api_keys", (table) => {
      table.dropIndex(["project_id"]);
      for (const column of ["name", "ip_allow_list", "metadata", "require_signature", "quota_policy_ids", "created_by", "updated_at", "revoked_at", "rotated_at"]) {
        table.dropColumn(column);
      }
    });
  },
};
