import { holdBound, priceWithBook, requestOfRecordedUsage, type PriceBook, type RecordedUsage } from "@llm-serve/pricing";

/**
 * What a cost budget holds for a request before its answer (ADR 0018, 0021): billing's own bound of
 * what the ledger can charge it (`holdBound`: the version in force, the dearest token and
 * per-request price of any rule that can match, the org's and project's modifiers), as a number of
 * micro-units. Undefined when no plan prices the model: the caller must refuse, never count zero.
 */
export function costHoldMicros(book: PriceBook, request: { model: string; orgId: string; projectId: string; at: Date; tokens: number }): number | undefined {
  const bound = holdBound(book, request);
  return bound === undefined ? undefined : Number(bound);
}

/** Whether a cost budget can price a request of this model now. */
export function isPriced(book: PriceBook, model: string, at: Date): boolean {
  return holdBound(book, { model, orgId: "", projectId: "", at, tokens: 0 }) !== undefined;
}

/**
 * What a cost budget is charged for a request: the sum of the ledger lines its attempts' usage
 * events become (each priced by `priceRequest` at the request's start and rounded as its line), so
 * the budget and the ledger agree to the micro-unit. An attempt nothing prices counts zero here
 * (billing holds its event until a plan prices it; the request was refused if a budget applied).
 */
export function settledCostMicros(book: PriceBook, attempts: readonly RecordedUsage[], at: Date): number {
  let total = 0n;
  for (const attempt of attempts) {
    const priced = priceWithBook(book, requestOfRecordedUsage(attempt, at));
    if (!("unpriced" in priced)) total += priced.amountMicros;
  }
  return Number(total);
}
