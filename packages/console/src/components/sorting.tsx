import { useMemo, useState } from "react";
import { useI18n } from "../i18n.js";

export interface Sorting<K extends string> {
  column: K | undefined;
  descending: boolean;
  toggle(column: K): void;
  set(column: K, descending: boolean): void;
}

/** Sorts the page on screen by one column (the APIs page in id order; sorting is the page's). */
export function useSorted<T, K extends string>(items: T[], valueOf: (item: T, column: K) => string | number): [T[], Sorting<K>] {
  const [column, setColumn] = useState<K>();
  const [descending, setDescending] = useState(false);
  const sorted = useMemo(() => {
    if (!column) return items;
    const copy = [...items].sort((left, right) => {
      const a = valueOf(left, column);
      const b = valueOf(right, column);
      return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
    });
    return descending ? copy.reverse() : copy;
  }, [items, column, descending, valueOf]);
  const toggle = (next: K) => {
    setDescending(next === column ? !descending : false);
    setColumn(next);
  };
  const set = (next: K, nextDescending: boolean) => {
    setColumn(next);
    setDescending(nextDescending);
  };
  return [sorted, { column, descending, toggle, set }];
}

/** A column header that sorts on click or Enter (a real button, so the keyboard reaches it). */
export function SortHeader<K extends string>({ column, label, sorting }: { column: K; label: string; sorting: Sorting<K> }) {
  const { t } = useI18n();
  const active = sorting.column === column;
  return (
    <th scope="col" aria-sort={active ? (sorting.descending ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort" onClick={() => sorting.toggle(column)} title={t("common.sortBy", { column: label })}>
        {label}
        {active ? (sorting.descending ? " ▼" : " ▲") : ""}
      </button>
    </th>
  );
}
