import { AppError } from "../errors/app-error.js";

/** The two orders a list can be read in: by its sort key ascending or descending. */
export type ListOrder = "asc" | "desc";

/**
 * The order a list request asks for: `asc` or `desc`, or the list's own default when none is given
 * (an empty string is none: proto3 strings have no absence). Anything else is an `invalid_request`
 * naming `order`, so that a typo is refused rather than answered in an order nobody asked for.
 */
export function readListOrder(value: string | null | undefined, fallback: ListOrder): ListOrder {
  if (value === undefined || value === null || value === "") return fallback;
  if (value === "asc" || value === "desc") return value;
  throw new AppError("invalid_request", `order: must be "asc" or "desc", not ${JSON.stringify(value)}`, { details: { param: "order" } });
}
