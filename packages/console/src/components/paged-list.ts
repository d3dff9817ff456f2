import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client.js";

export interface Page<T> {
  data: T[];
  has_more: boolean;
  last_id: string | null;
}

/**
 * One page at a time through the API's cursors (`after` = the previous page's `last_id`); the
 * cursors of earlier pages are kept so that "previous" goes back without the API paging backwards.
 */
export function usePagedList<T>(fetchPage: (after: string | undefined) => Promise<Page<T>>, dependencies: unknown[]) {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [page, setPage] = useState<Page<T> | undefined>();
  const [error, setError] = useState<ApiError | Error | undefined>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const after = cursors[cursors.length - 1];

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const load = useCallback(fetchPage, dependencies);
  useEffect(() => setCursors([undefined]), [load]);
  useEffect(() => {
    let current = true;
    setLoading(true);
    load(after).then(
      (answer) => current && (setPage(answer), setError(undefined)),
      (failure: Error) => current && setError(failure),
    ).finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [load, after, version]);

  return {
    items: page?.data ?? [],
    loading,
    error,
    hasNext: page?.has_more ?? false,
    hasPrevious: cursors.length > 1,
    next: () => page?.last_id && setCursors([...cursors, page.last_id]),
    previous: () => setCursors(cursors.slice(0, -1)),
    reload: () => setVersion((value) => value + 1),
  };
}
