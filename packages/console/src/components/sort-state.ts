import type { Order } from "./list-order.js";

/**
 * What a table is sorted by: `local` when a column sorts the page on screen; otherwise the list's
 * own order (`order`, as asked of the API), shown on its order column.
 */
export interface SortState<K extends string> {
  local: { column: K; descending: boolean } | undefined;
  order: Order;
}

/**
 * A click (or Enter) on a column's sort button. A column newly chosen starts ascending; chosen again,
 * it turns around. The order column (`orderColumn`) is sorted by the server: its direction becomes the
 * `order` asked of the API and the page's own sort is dropped.
 */
export function toggleSort<K extends string>(state: SortState<K>, column: K, orderColumn: K | undefined): SortState<K> {
  if (column === orderColumn) {
    const active = state.local === undefined;
    return { local: undefined, order: active ? (state.order === "desc" ? "asc" : "desc") : "asc" };
  }
  const descending = state.local?.column === column ? !state.local.descending : false;
  return { local: { column, descending }, order: state.order };
}

/** A column and direction picked at once (from a menu); the order column's goes to the server. */
export function chooseSort<K extends string>(state: SortState<K>, column: K, descending: boolean, orderColumn: K | undefined): SortState<K> {
  if (column === orderColumn) return { local: undefined, order: descending ? "desc" : "asc" };
  return { local: { column, descending }, order: state.order };
}

/** The page's rows sorted by one column's values (numbers as numbers, the rest as text); a copy. */
export function sortRows<T, K extends string>(items: T[], valueOf: (item: T, column: K) => string | number, column: K, descending: boolean): T[] {
  const copy = [...items].sort((left, right) => {
    const a = valueOf(left, column);
    const b = valueOf(right, column);
    return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  });
  return descending ? copy.reverse() : copy;
}
