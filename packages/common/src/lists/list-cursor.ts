import { AppError } from "../errors/app-error.js";

/**
 * The refusal of an `after` cursor that names no item of the list asked for: one that never existed,
 * one of another list (another organization's, another rule's, one its filters leave out) or one
 * deleted since its page was read. A 400 naming `after`, never an empty page: an empty page would end
 * a walk silently as if the list were over. The same words whether the gateway or a service pages.
 */
export function unknownCursor(after: string): AppError {
  return new AppError("invalid_request", `after: ${after} is not an item of this list`, { details: { param: "after" } });
}
