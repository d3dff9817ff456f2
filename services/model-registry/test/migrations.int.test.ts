import { migrateTwice } from "@llm-serve/testkit";
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
});
