import { AppError } from "@llm-serve/common";
import type { Page, PageRequest } from "../store/document-store.js";

/** `limit` (1–100, default 20), `order` (asc/desc, default desc), `after`, `before`: OpenAI's list parameters. */
export function pageRequest(query: Record<string, string>): PageRequest {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new AppError("invalid_request", "limit must be an integer between 1 and 100", { details: { param: "limit" } });
  const order = query.order ?? "desc";
  if (order !== "asc" && order !== "desc") throw new AppError("invalid_request", "order must be 'asc' or 'desc'", { details: { param: "order" } });
  return { limit, order, ...(query.after ? { after: query.after } : {}), ...(query.before ? { before: query.before } : {}) };
}

/** OpenAI's list object: `{object: "list", data, first_id, last_id, has_more}`. */
export function listBody<T extends { id: string }>(page: Page<T>): unknown {
  return { object: "list", data: page.data, first_id: page.data[0]?.id ?? null, last_id: page.data.at(-1)?.id ?? null, has_more: page.hasMore };
}

export function notFound(kind: string, id: string | undefined): AppError {
  return new AppError("not_found", `No ${kind} found with id '${id ?? ""}'.`, { details: { param: null } });
}
