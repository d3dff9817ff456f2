import type { Migration } from "@llm-serve/common";

/** The hierarchy (organization → project) and the admin users with their hashed tokens. */
export const createHierarchyAndUsers: Migration = {
  name: "0002_create_organizations_projects_users",
  async up(db, schema) {
    await db.schema.withSchema(schema).createTable("organizations", (table) => {
      table.text("id").primary();
      table.text("name").notNullable();
      table.jsonb("metadata").notNullable().defaultTo("{}");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
    });
    await db.schema.withSchema(schema).createTable("projects", (table) => {
      table.text("id").primary();
      table.text("org_id").notNullable().references("id").inTable(`${schema}.organizations`);
      table.text("name").notNullable();
      table.specificType("quota_policy_ids", "text[]").notNullable().defaultTo("{}");
      table.jsonb("metadata").notNullable().defaultTo("{}");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["org_id"]);
    });
    await db.schema.withSchema(schema).createTable("users", (table) => {
      table.text("id").primary();
      table.text("name").notNullable();
      table.text("email").notNullable().defaultTo("");
      table.text("role").notNullable();
      // Platform admins belong to no organization; every other role to exactly one.
      table.text("org_id").nullable().references("id").inTable(`${schema}.organizations`);
      table.text("status").notNullable().defaultTo("active");
      table.text("created_by").notNullable().defaultTo("");
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["org_id"]);
    });
    await db.raw(
      `ALTER TABLE ??.users ADD CONSTRAINT users_role_org CHECK (
         role IN ('platform_admin', 'org_admin', 'org_member', 'billing_viewer')
         AND ((role = 'platform_admin') = (org_id IS NULL)))`,
      [schema],
    );
    await db.schema.withSchema(schema).createTable("admin_tokens", (table) => {
      table.text("id").primary();
      table.text("user_id").notNullable().references("id").inTable(`${schema}.users`).onDelete("CASCADE");
      // HMAC-SHA256(pepper, token): the token itself is never stored.
      table.binary("token_hash").notNullable().unique();
      table.text("display_prefix").notNullable();
      table.text("last_four").notNullable();
      table.text("name").notNullable().defaultTo("");
      table.timestamp("expires_at", { useTz: true }).nullable();
      table.timestamp("revoked_at", { useTz: true }).nullable();
      table.timestamp("created_at", { useTz: true }).notNullable().defaultTo(db.fn.now());
      table.index(["user_id"]);
    });
  },
  async down(db, schema) {
    await db.schema.withSchema(schema).dropTableIfExists("admin_tokens");
    await db.schema.withSchema(schema).dropTableIfExists("users");
    await db.schema.withSchema(schema).dropTableIfExists("projects");
    await db.schema.withSchema(schema).dropTableIfExists("organizations");
  },
};
