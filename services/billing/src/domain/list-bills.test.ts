import { describe, expect, it } from "vitest";
import { listBills } from "./list-bills.js";
import { listPricePlans } from "./list-price-plans.js";

describe("the billing lists' order", () => {
  it("asks for bills newest first unless asc is asked for, and plans by id ascending unless desc is", async () => {
    const asked: Array<{ order: string }> = [];
    const record = async (input: { order: string }) => {
      asked.push(input);
      return [];
    };
    const deps = { bills: { list: record }, plans: { list: record } } as unknown as Parameters<typeof listBills>[0] & Parameters<typeof listPricePlans>[0];
    await listBills(deps, { orgId: "org_1", limit: 10, after: "" });
    await listBills(deps, { orgId: "org_1", limit: 10, after: "", order: "asc" });
    await listPricePlans(deps, { limit: 10, after: "" });
    await listPricePlans(deps, { limit: 10, after: "", order: "desc" });
    expect(asked.map((input) => input.order)).toEqual(["desc", "asc", "asc", "desc"]);
  });

  it("refuses an order other than asc or desc, naming it", async () => {
    const deps = { bills: { list: async () => [] }, plans: { list: async () => [] } } as unknown as Parameters<typeof listBills>[0] & Parameters<typeof listPricePlans>[0];
    await expect(listBills(deps, { orgId: "org_1", limit: 10, after: "", order: "newest" })).rejects.toMatchObject({ code: "invalid_request", details: { param: "order" } });
    await expect(listPricePlans(deps, { limit: 10, after: "", order: "DESC" })).rejects.toMatchObject({ code: "invalid_request", details: { param: "order" } });
  });
});
