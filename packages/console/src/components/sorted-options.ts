import { useMemo } from "react";
import { useI18n } from "../i18n.js";

/**
 * The options of a drop-down filled from data (organizations, projects, models, providers), in the
 * order a reader of `language` looks for them: by their label, `localeCompare` in that language
 * (zh-CN: by pinyin). Fixed enumerations (an order, a status, a period) keep their meaningful order
 * and do not come through here. A copy; ties keep the data's order.
 */
export function sortedByLabel<T>(items: readonly T[], labelOf: (item: T) => string, language: string): T[] {
  return [...items].sort((left, right) => labelOf(left).localeCompare(labelOf(right), language));
}

/** `sortedByLabel` in the console's current language, sorted again when the language changes. */
export function useSortedOptions<T>(items: readonly T[], labelOf: (item: T) => string): T[] {
  const { language } = useI18n();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => sortedByLabel(items, labelOf, language), [items, language]);
}
