import { describe, expect, it } from "vitest";
import { chooseSort, sortRows, toggleSort, type SortState } from "./sort-state.js";

type Column = "when" | "action";
const newestFirst: SortState<Column> = { local: undefined, order: "desc" };

describe("sorting a paged table: its order column on the server, the others on the page", () => {
  it("turns the order column around on the server when it is the one shown", () => {
    expect(toggleSort(newestFirst, "when", "when")).toEqual({ local: undefined, order: "asc" });
    expect(toggleSort({ local: undefined, order: "asc" }, "when", "when")).toEqual({ local: undefined, order: "desc" });
  });

  it("sorts the page by another column, ascending first, then the other way, keeping the server's order", () => {
    const byAction = toggleSort(newestFirst, "action", "when");
    expect(byAction).toEqual({ local: { column: "action", descending: false }, order: "desc" });
    expect(toggleSort(byAction, "action", "when")).toEqual({ local: { column: "action", descending: true }, order: "desc" });
  });

  it("goes back from a page sort to the order column ascending, asked of the server", () => {
    const byAction: SortState<Column> = { local: { column: "action", descending: true }, order: "desc" };
    expect(toggleSort(byAction, "when", "when")).toEqual({ local: undefined, order: "asc" });
  });

  it("sorts every column on the page when the list is held whole (no order column)", () => {
    expect(toggleSort({ local: undefined, order: "asc" }, "when", undefined)).toEqual({ local: { column: "when", descending: false }, order: "asc" });
  });

  it("takes a column and direction from a menu: the order column's direction goes to the server", () => {
    const byAction: SortState<Column> = { local: { column: "action", descending: false }, order: "asc" };
    expect(chooseSort(byAction, "when", true, "when")).toEqual({ local: undefined, order: "desc" });
    expect(chooseSort(newestFirst, "action", true, "when")).toEqual({ local: { column: "action", descending: true }, order: "desc" });
  });

  it("sorts numbers as numbers and text as text, on a copy", () => {
    const rows = [{ name: "b", size: 10 }, { name: "a", size: 9 }, { name: "c", size: 100 }];
    const valueOf = (row: (typeof rows)[number], column: "name" | "size") => row[column];
    expect(sortRows(rows, valueOf, "size", false).map((row) => row.size)).toEqual([9, 10, 100]);
    expect(sortRows(rows, valueOf, "name", true).map((row) => row.name)).toEqual(["c", "b", "a"]);
    expect(rows.map((row) => row.name)).toEqual(["b", "a", "c"]);
  });
});
