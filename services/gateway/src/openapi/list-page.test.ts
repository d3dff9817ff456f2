import { AppError } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import { pageById, readPageQuery } from "./list-page.js";

const items = ["a", "b", "c", "d", "e"].map((id) => ({ id }));

describe("admin list pages", () => {
  it("walks a whole list by limit and after, with first_id, last_id and has_more", () => {
    const first = pageById(items, { limit: "2" });
    expect(first).toEqual({ object: "list", data: [{ id: "a" }, { id: "b" }], first_id: "a", last_id: "b", has_more: true });
    const second = pageById(items, { limit: "2", after: first.last_id });
    expect(second).toMatchObject({ first_id: "c", last_id: "d", has_more: true });
    expect(pageById(items, { limit: "2", after: second.last_id })).toMatchObject({ data: [{ id: "e" }], has_more: false });
    expect(pageById(items, { after: "e" })).toEqual({ object: "list", data: [], first_id: null, last_id: null, has_more: false });
    expect(pageById(items, {}).data).toHaveLength(5);
  });

  it("walks the list from its end with order=desc, after walking back", () => {
    const first = pageById(items, { limit: "2", order: "desc" });
    expect(first).toEqual({ object: "list", data: [{ id: "e" }, { id: "d" }], first_id: "e", last_id: "d", has_more: true });
    expect(pageById(items, { limit: "2", order: "desc", after: first.last_id })).toMatchObject({ data: [{ id: "c" }, { id: "b" }], has_more: true });
    expect(pageById(items, { order: "desc", after: "b" })).toMatchObject({ data: [{ id: "a" }], has_more: false });
    expect(pageById(items, { order: "asc" }).data.map((item) => item.id)).toEqual(["a", "b", "c", "d", "e"]);
    // The list handed in is not reordered in place.
    expect(items.map((item) => item.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(() => readPageQuery({ order: "newest" })).toThrow(expect.objectContaining({ code: "invalid_request", details: { param: "order" } }) as AppError);
  });

  it("refuses a bad limit and an after that names no item, naming the parameter", () => {
    for (const query of [{ limit: "0" }, { limit: "101" }, { limit: "two" }]) {
      expect(() => readPageQuery(query)).toThrow(expect.objectContaining({ code: "invalid_request", details: { param: "limit" } }) as AppError);
    }
    expect(() => pageById(items, { after: "zz" })).toThrow(expect.objectContaining({ code: "invalid_request", details: { param: "after" } }) as AppError);
  });
});
