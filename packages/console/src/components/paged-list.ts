import { useCallback, useEffect, useReducer, useState } from "react";
import { ApiError } from "../api/client.js";
import { cursorOf, DEFAULT_PAGE_SIZE, firstPage, paging, type Order } from "./list-order.js";

export interface Page<T> {
  data: T[];
  has_more: boolean;
  last_id: string | null;
}

/** What a table needs of a paged list to sort it by the list's own order, on the server. */
export interface OrderedList {
  order: Order;
  setOrder(order: Order): void;
}

/**
 * One page at a time through the API's cursors (`after` = the previous page's `last_id`), in the
 * order asked of the API (`defaultOrder` = the list's own, as its summary says) and of the page size
 * chosen (`limit`); the cursors of earlier pages are kept so that "previous" goes back without the
 * API paging backwards. A new order or page size starts again from the first page.
 */
export function usePagedList<T>(
  fetchPage: (after: string | undefined, order: Order, limit: number) => Promise<Page<T>>,
  dependencies: unknown[],
  defaultOrder: Order = "asc",
  defaultLimit: number = DEFAULT_PAGE_SIZE,
) {
  const [state, dispatch] = useReducer(paging, undefined, () => firstPage(defaultOrder, defaultLimit));
  const [page, setPage] = useState<Page<T> | undefined>();
  const [error, setError] = useState<ApiError | Error | undefined>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const after = cursorOf(state);
  const { order, limit } = state;

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(fetchPage, dependencies);
  useEffect(() => dispatch({ type: "restart" }), [load]);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load(after, order, limit).then(
      (answer) => current && (setPage(answer), setError(undefined)),
      (failure: Error) => current && setError(failure),
    ).finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [load, after, order, limit, version]);

  return {
    items: page?.data ?? [],
    loading,
    error,
    order,
    setOrder: (next: Order) => dispatch({ type: "order", order: next }),
    pageSize: limit,
    setPageSize: (next: number) => dispatch({ type: "limit", limit: next }),
    hasNext: page?.has_more ?? false,
    hasPrevious: state.cursors.length > 1,
    next: () => dispatch({ type: "next", lastId: page?.last_id }),
    previous: () => dispatch({ type: "previous" }),
    reload: () => setVersion((value) => value + 1),
  };
}
