import { createDatabase, migrateToLatest } from "@llm-serve/common";
import { INFRA, migrateTwice, uniqueId } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { migrations } from "../src/migrations/index.js";

describe("migrations", () => {
  it("run from zero, and a second run changes nothing", async () => {
    const { first, second } = await migrateTwice(migrations);
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    expect(first.snapshot.columns.length).toBeGreaterThan(0);
    expect(second.applied).toEqual([]);
    expect(second.snapshot).toEqual(first.snapshot);
  });

  it("turns a model stored by the first release into a model with one deployment", async () => {
    const schema = uniqueId("mig_");
    const db = createDatabase({ url: INFRA.databaseUrl, schema, poolMax: 2 });
    try {
      await migrateToLatest(db, schema, migrations.slice(0, 2));
      await db("models").insert({ id: "legacy", provider_type: "mock", owned_by: "llm-serve", endpoints: ["embeddings"] });
      await migrateToLatest(db, schema, migrations);
      const deployments = await db("model_deployments").where({ model_id: "legacy" });
      expect(deployments).toMatchObject([{ id: "default", provider_type: "mock", upstream_model: "legacy", sealed_credentials: null }]);
      expect(await db("model_names").where({ model_id: "legacy" })).toMatchObject([{ name: "legacy" }]);
      expect((await db("models").where({ id: "legacy" }).first()).capability.endpoints).toEqual(["embeddings"]);
    } finally {
      await db.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).catch(() => undefined);
      await db.destroy();
    }
  });
});
