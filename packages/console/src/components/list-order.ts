/** A list's direction on the server: every admin list takes `order=asc|desc` and pages on in it. */
export type Order = "asc" | "desc";

/** The page sizes a table offers (its `limit`); the API takes up to 100. */
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Where a paged list is: the order and page size (`limit`) asked of the API and the cursors of the
 * pages walked so far (`undefined` = the first page). The last cursor is the page on screen.
 */
export interface Paging {
  order: Order;
  limit: number;
  cursors: Array<string | undefined>;
}

export type PagingAction =
  | { type: "next"; lastId: string | null | undefined }
  | { type: "previous" }
  /** The list's filters changed: the first page again, in the same order. */
  | { type: "restart" }
  /** A sort on the order's column: the first page in that order, so the sort spans every page. */
  | { type: "order"; order: Order }
  /** A new page size: the first page again (the cursors walked were of pages of the old size). */
  | { type: "limit"; limit: number };

export function firstPage(order: Order, limit: number = DEFAULT_PAGE_SIZE): Paging {
  return { order, limit, cursors: [undefined] };
}

export function paging(state: Paging, action: PagingAction): Paging {
  switch (action.type) {
    case "next":
      return action.lastId ? { ...state, cursors: [...state.cursors, action.lastId] } : state;
    case "previous":
      return state.cursors.length > 1 ? { ...state, cursors: state.cursors.slice(0, -1) } : state;
    case "restart":
      return state.cursors.length === 1 && state.cursors[0] === undefined ? state : firstPage(state.order, state.limit);
    case "order":
      return action.order === state.order && state.cursors.length === 1 ? state : firstPage(action.order, state.limit);
    case "limit":
      return action.limit === state.limit ? state : firstPage(state.order, action.limit);
  }
}

/** The cursor of the page on screen. */
export function cursorOf(state: Paging): string | undefined {
  return state.cursors[state.cursors.length - 1];
}

/** The paging part of a list's query: `after` only past the first page, `order` always (said, not assumed). */
export function listQuery(limit: number, after: string | undefined, order: Order): { limit: number; order: Order; after?: string } {
  return after === undefined ? { limit, order } : { limit, order, after };
}
