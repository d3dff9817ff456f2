import { useMemo, useState } from "react";
import { useI18n } from "../i18n.js";
import type { OrderedList } from "./paged-list.js";
import { chooseSort, sortRows, toggleSort, type SortState } from "./sort-state.js";

export interface Sorting<K extends string> {
  /** The column the rows are in the order of (the order column when no column sorts the page). */
  column: K | undefined;
  descending: boolean;
  toggle(column: K): void;
  set(column: K, descending: boolean): void;
  /** The paged list's order column: sorting by it asks the API, so it spans every page. */
  orderColumn?: K;
}

/**
 * Sorts a table by one column. For a paged list, `ordered` names the column that carries the list's
 * own order (its id or time): that column is sorted by the server (`order=asc|desc`, from the first
 * page); any other column sorts the page on screen. A list held whole (no `ordered`) sorts in place.
 */
export function useSorted<T, K extends string>(items: T[], valueOf: (item: T, column: K) => string | number, ordered?: { column: NoInfer<K>; list: OrderedList }): [T[], Sorting<K>] {
  const [local, setLocal] = useState<SortState<K>["local"]>();
  const state: SortState<K> = { local, order: ordered?.list.order ?? "asc" };
  const sorted = useMemo(() => (local ? sortRows(items, valueOf, local.column, local.descending) : items), [items, local, valueOf]);
  const apply = (next: SortState<K>, column: K) => {
    setLocal(next.local);
    if (ordered && column === ordered.column) ordered.list.setOrder(next.order);
  };
  const sorting: Sorting<K> = {
    column: local?.column ?? ordered?.column,
    descending: local ? local.descending : state.order === "desc",
    toggle: (column) => apply(toggleSort(state, column, ordered?.column), column),
    set: (column, descending) => apply(chooseSort(state, column, descending, ordered?.column), column),
    orderColumn: ordered?.column,
  };
  return [sorted, sorting];
}

/**
 * A column header that sorts on click or Enter (a real button, so the keyboard reaches it). On a paged
 * list it says, as its description and tooltip, whether it sorts every page or only the page on screen.
 */
export function SortHeader<K extends string>({ column, label, sorting }: { column: K; label: string; sorting: Sorting<K> }) {
  const { t } = useI18n();
  const active = sorting.column === column;
  const reach = sorting.orderColumn === undefined ? undefined : column === sorting.orderColumn ? t("common.sortsAllPages") : t("common.sortsThisPage");
  const sortBy = t("common.sortBy", { column: label });
  return (
    <th scope="col" aria-sort={active ? (sorting.descending ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort" onClick={() => sorting.toggle(column)} title={reach ? `${sortBy} — ${reach}` : sortBy} aria-description={reach} data-sort-reach={reach ? (column === sorting.orderColumn ? "all-pages" : "this-page") : undefined}>
        {label}
        {/* The arrow is for the eye; `aria-sort` says the order to assistive technology. */}
        {active ? <span aria-hidden="true">{sorting.descending ? " ▼" : " ▲"}</span> : null}
      </button>
    </th>
  );
}
