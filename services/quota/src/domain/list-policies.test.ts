import type { AppError } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import type { PolicyFilter } from "../store/policy-store.js";
import { listPolicies } from "./list-policies.js";

/** A policy store holding these ids, answering `list` as the SQL does (by id, in the order asked for). */
function storeOf(ids: string[]) {
  const asked: PolicyFilter[] = [];
  const policies = {
    list: async (filter: PolicyFilter) => {
      asked.push(filter);
      const sorted = filter.order === "desc" ? [...ids].sort().reverse() : [...ids].sort();
      const after = filter.afterId;
      const rest = after === undefined ? sorted : sorted.filter((id) => (filter.order === "desc" ? id < after : id > after));
      return rest.slice(0, filter.limit).map((id) => ({ id }));
    },
    matches: async (_filter: unknown, id: string) => ids.includes(id),
  };
  return { deps: { policies } as unknown as Parameters<typeof listPolicies>[0], asked };
}

const input = { scope: "", scopeId: "", orgId: "", pageSize: 2, pageToken: "" };

describe("listPolicies", () => {
  it("lists by id ascending unless asked for desc, the page token walking on in either order", async () => {
    const { deps, asked } = storeOf(["p1", "p2", "p3"]);
    const first = await listPolicies(deps, input);
    expect(asked[0]).toMatchObject({ order: "asc", limit: 3 });
    expect([first.policies.map((policy) => policy.id), first.nextPageToken]).toEqual([["p1", "p2"], "p2"]);
    const down = await listPolicies(deps, { ...input, order: "desc" });
    expect([down.policies.map((policy) => policy.id), down.nextPageToken]).toEqual([["p3", "p2"], "p2"]);
    const rest = await listPolicies(deps, { ...input, order: "desc", pageToken: down.nextPageToken });
    expect([rest.policies.map((policy) => policy.id), rest.nextPageToken]).toEqual([["p1"], ""]);
  });

  it("refuses an order other than asc or desc, naming it", async () => {
    const { deps } = storeOf([]);
    await expect(listPolicies(deps, { ...input, order: "newest" })).rejects.toMatchObject({ code: "invalid_request", details: { param: "order" } } satisfies Partial<AppError>);
  });

  it("refuses a page token the list does not hold (never stored, or deleted since) with a 400 naming after", async () => {
    const { deps, asked } = storeOf(["p1", "p3"]);
    await expect(listPolicies(deps, { ...input, pageToken: "p2" })).rejects.toMatchObject({ code: "invalid_request", message: "after: p2 is not an item of this list", details: { param: "after" } } satisfies Partial<AppError>);
    expect(asked).toEqual([]);
  });
});
