/** A list's direction on the server: every admin list takes `order=asc|desc` and pages on in it. */
export type Order = "asc" | "desc";

/**
 * Where a paged list is: the order asked of the API and the cursors of the pages walked so far
 * (`undefined` = the first page). The last cursor is the page on screen.
 */
export interface Paging {
  order: Order;
  cursors: Array<string | undefined>;
}

export type PagingAction =
  | { type: "next"; lastId: string | null | undefined }
  | { type: "previous" }
  /** The list's filters changed: the first page again, in the same order. */
  | { type: "restart" }
  /** A sort on the order's column: the first page in that order, so the sort spans every page. */
  | { type: "order"; order: Order };

export function firstPage(order: Order): Paging {
  return { order, cursors: [undefined] };
}

export function paging(state: Paging, action: PagingAction): Paging {
  switch (action.type) {
    case "next":
      return action.lastId ? { ...state, cursors: [...state.cursors, action.lastId] } : state;
    case "previous":
      return state.cursors.length > 1 ? { ...state, cursors: state.cursors.slice(0, -1) } : state;
    case "restart":
      return state.cursors.length === 1 && state.cursors[0] === undefined ? state : firstPage(state.order);
    case "order":
      return action.order === state.order && state.cursors.length === 1 ? state : firstPage(action.order);
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
