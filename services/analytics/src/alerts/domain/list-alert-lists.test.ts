import { describe, expect, it } from "vitest";
import { listAlertIncidents } from "./list-alert-incidents.js";
import { listAlertRules } from "./list-alert-rules.js";

const INCIDENT = "6f1c1d2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";
const OTHER_INCIDENT = "7f1c1d2e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

/** Rule `r1` of org_1 with incident INCIDENT; the lists record the cursor they were asked from. */
function depsOf(listed: string[]) {
  return {
    rules: {
      find: async (id: string, scope: string) => (id === "r1" && (scope === "" || scope === "org_1") ? { id } : undefined),
      list: async (_scope: string, _limit: number, after: string) => (listed.push(after), { rules: [], hasMore: false }),
    },
    incidents: {
      isOf: async (ruleId: string, id: string) => ruleId === "r1" && id === INCIDENT,
      list: async (_ruleId: string, _limit: number, after: string) => (listed.push(after), { incidents: [], hasMore: false }),
    },
  } as unknown as Parameters<typeof listAlertIncidents>[0];
}

const refusal = (after: string) => ({ code: "invalid_request", message: `after: ${after} is not an item of this list`, details: { param: "after" } });

describe("the alert lists' after cursor", () => {
  it("refuses a rule id that is no rule of the scope (unknown, another org's, deleted) with a 400 naming after", async () => {
    const listed: string[] = [];
    const deps = depsOf(listed);
    await expect(listAlertRules(deps, { scope: "org_2", limit: 10, after: "r1" })).rejects.toMatchObject(refusal("r1"));
    await expect(listAlertRules(deps, { scope: "", limit: 10, after: "r9" })).rejects.toMatchObject(refusal("r9"));
    await listAlertRules(deps, { scope: "org_1", limit: 10, after: "r1" });
    expect(listed).toEqual(["r1"]);
  });

  it("refuses an incident that is not the rule's, or no UUID, with a 400 naming after; another org's rule stays a 404", async () => {
    const listed: string[] = [];
    const deps = depsOf(listed);
    for (const after of [OTHER_INCIDENT, "not-an-id"]) {
      await expect(listAlertIncidents(deps, { scope: "org_1", ruleId: "r1", limit: 10, after })).rejects.toMatchObject(refusal(after));
    }
    await expect(listAlertIncidents(deps, { scope: "org_2", ruleId: "r1", limit: 10, after: INCIDENT })).rejects.toMatchObject({ code: "not_found" });
    await listAlertIncidents(deps, { scope: "org_1", ruleId: "r1", limit: 10, after: INCIDENT });
    expect(listed).toEqual([INCIDENT]);
  });
});
