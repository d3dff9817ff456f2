import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { currentDescription, DESCRIPTION_FILE, renderDescription, renderTypes, TYPES_FILE } from "../scripts/api-description.mjs";

const REGENERATE = "run `pnpm --filter @llm-serve/console generate:api` and commit the result";

/**
 * The console's client is typed by the admin API's own description (ADR 0033): when a route or a
 * schema changes in the gateway, the exported copy and the generated types must follow, or this fails.
 */
describe("the console's API client types", () => {
  it("are generated from the gateway's current admin API description", { timeout: 120_000 }, async () => {
    const document = currentDescription();
    expect(readFileSync(DESCRIPTION_FILE, "utf8") === renderDescription(document), `openapi/admin-openapi.json is stale: ${REGENERATE}`).toBe(true);
    expect(readFileSync(TYPES_FILE, "utf8") === (await renderTypes(document)), `src/api/admin-schema.d.ts is stale: ${REGENERATE}`).toBe(true);
  });
});
