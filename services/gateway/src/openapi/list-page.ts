import { AppError, unknownCursor } from "@llm-serve/common";
import { z } from "zod";

/** The most items one page of an admin list holds, and what a request without `limit` gets. */
export const MAX_PAGE_SIZE = 100;

/**
 * What every list's `after` says: a cursor that names no item of the list (never one, another
 * organization's, left out by the filters, or deleted since its page was read) is a 400, not a page.
 */
export const AFTER_DESCRIPTION =
  "A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page.";

/**
 * The one way every admin list pages, as OpenAI's lists do: `limit` (1–100, default 100) and
 * `after` (the `last_id` of the page before). Other query parameters are each route's own.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe(`How many items to return, 1–${MAX_PAGE_SIZE} (default ${MAX_PAGE_SIZE}).`),
  after: z.string().min(1).optional().describe(AFTER_DESCRIPTION),
});

/**
 * `order`, on the lists that take it (their description says so): `asc` (the default) is the order
 * the list's summary gives, `desc` the same list from its end, `after` then walking back. The
 * gateway reverses the lists it pages itself; the service-paged ones pass it in their list request.
 */
export const orderQuery = z.object({
  order: z.enum(["asc", "desc"]).optional().describe("`asc` (default): the list's own order, as its summary says; `desc`: the same list from its end."),
});

/** `order` on the lists that are newest first unless asked otherwise (audit trail, bills, incidents). */
export const newestFirstOrderQuery = z.object({
  order: z.enum(["asc", "desc"]).optional().describe("`desc` (default): newest first, as the list's summary says; `asc`: oldest first. `after` walks on in the order asked for."),
});

export type PageQuery = z.infer<typeof pageQuery> & z.infer<typeof orderQuery>;

export interface ListPage<T> {
  object: "list";
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** Reads `limit`, `after` and `order` from a query string; a bad value is a 400 naming it. */
export function readPageQuery(query: unknown): PageQuery {
  const result = pageQuery.extend(orderQuery.shape).safeParse(query ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue?.path.join(".") || "limit";
  throw new AppError("invalid_request", `${param}: ${issue?.message ?? "invalid"}`, { details: { param } });
}

/** A page assembled by the service that stores the list (it fetched one more item than asked). */
export function pageOf<T>(data: T[], cursorOf: (item: T) => string, hasMore: boolean): ListPage<T> {
  return {
    object: "list",
    data,
    first_id: data.length > 0 ? cursorOf(data[0]!) : null,
    last_id: data.length > 0 ? cursorOf(data.at(-1)!) : null,
    has_more: hasMore,
  };
}

/**
 * Pages a whole list the gateway already holds: for lists that a service returns in one bounded
 * answer (organizations, projects, keys of a project, users, tokens of a user, models), in the
 * service's stable order. An `after` that names no item of the list is a 400, not an empty page:
 * a deleted cursor would otherwise end a walk silently.
 */
export function pageInGateway<T>(listed: T[], cursorOf: (item: T) => string, query: PageQuery): ListPage<T> {
  const limit = query.limit ?? MAX_PAGE_SIZE;
  const items = query.order === "desc" ? [...listed].reverse() : listed;
  let start = 0;
  if (query.after !== undefined) {
    const index = items.findIndex((item) => cursorOf(item) === query.after);
    if (index < 0) throw unknownCursor(query.after);
    start = index + 1;
  }
  const data = items.slice(start, start + limit);
  return pageOf(data, cursorOf, start + limit < items.length);
}

/** `pageInGateway` for the common case: items named by their `id`, the query straight from the request. */
export function pageById<T extends { id: string }>(items: T[], query: unknown): ListPage<T> {
  return pageInGateway(items, (item) => item.id, readPageQuery(query));
}
