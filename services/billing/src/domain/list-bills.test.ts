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

  it("refuses an after that is no bill of the org, or no plan, with a 400 naming after; a known one pages on", async () => {
    const listed: string[] = [];
    const deps = {
      bills: { isOf: async (orgId: string, id: string) => orgId === "org_1" && id === "bill_1", list: async (input: { after: string }) => (listed.push(input.after), []) },
      plans: { exists: async (id: string) => id === "default", list: async (input: { after: string }) => (listed.push(input.after), []) },
    } as unknown as Parameters<typeof listBills>[0] & Parameters<typeof listPricePlans>[0];
    const refusal = (after: string) => ({ code: "invalid_request", message: `after: ${after} is not an item of this list`, details: { param: "after" } });
    await expect(listBills(deps, { orgId: "org_2", limit: 10, after: "bill_1" })).rejects.toMatchObject(refusal("bill_1"));
    await expect(listBills(deps, { orgId: "org_1", limit: 10, after: "bill_9" })).rejects.toMatchObject(refusal("bill_9"));
    await expect(listPricePlans(deps, { limit: 10, after: "gone" })).rejects.toMatchObject(refusal("gone"));
    await listBills(deps, { orgId: "org_1", limit: 10, after: "bill_1" });
    await listPricePlans(deps, { limit: 10, after: "default" });
    expect(listed).toEqual(["bill_1", "default"]);
  });
});
