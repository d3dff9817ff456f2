import { createHmac } from "node:crypto";
import { createDatabase, migrateToLatest } from "@llm-serve/common";
import { INFRA, migrateTwice, uniqueId } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { verifyKey } from "../src/domain/keys/verify-key.js";
import { migrations } from "../src/migrations/index.js";
import { createStores } from "../src/store/stores.js";

describe("migrations", () => {
  it("run from zero, and a second run changes nothing", async () => {
    const { first, second } = await migrateTwice(migrations);
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    expect(first.snapshot.columns.length).toBeGreaterThan(0);
    expect(second.applied).toEqual([]);
    expect(second.snapshot).toEqual(first.snapshot);
  });

  it("keep a key stored the 0001 way working after the secrets move to their own table", async () => {
    const schema = uniqueId("akm_");
    const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
    const pepper = "test-pepper-0123456789abcdef0123456789abcdef";
    const key = `sk-llms-${"a".repeat(43)}`;
    try {
      await migrateToLatest(db, schema, migrations.slice(0, 2));
      await db("api_keys").insert({
        id: "key_legacy",
        project_id: "proj_legacy",
        org_id: "org_legacy",
        key_hash: createHmac("sha256", pepper).update(key).digest(),
        display_prefix: key.slice(0, 12),
        last_four: key.slice(-4),
        allowed_models: ["gpt-4o"],
      });
      await migrateToLatest(db, schema, migrations);
      const verified = await verifyKey({ stores: createStores(db), pepper, now: () => new Date() }, { key });
      expect(verified.principal).toMatchObject({ keyId: "key_legacy", projectId: "proj_legacy", orgId: "org_legacy", allowedModels: ["gpt-4o"] });
    } finally {
      await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
      await db.destroy();
    }
  });
});
