import { readListOrder, unknownCursor } from "@llm-serve/common";
import type { QuotaPolicy } from "@llm-serve/quota-engine";
import type { QuotaDeps } from "./quota-deps.js";

const MAX_PAGE = 500;

/**
 * Stored policies in id order (`asc` unless `order` says `desc`), a page at a time; the page token is
 * the last id seen, the next page the ids after it in that order; a token the list does not hold is a
 * 400 naming `after`.
 */
export async function listPolicies(
  deps: Pick<QuotaDeps, "policies">,
  input: { scope: string; scopeId: string; orgId: string; pageSize: number; pageToken: string; order?: string },
): Promise<{ policies: QuotaPolicy[]; nextPageToken: string }> {
  const limit = Math.min(Math.max(input.pageSize || 100, 1), MAX_PAGE);
  const order = readListOrder(input.order, "asc");
  const filter = { scope: input.scope, scopeId: input.scopeId, orgId: input.orgId };
  // A token the list does not hold (unknown, another org's, deleted since) is refused: an empty or shifted page would mislead.
  if (input.pageToken && !(await deps.policies.matches(filter, input.pageToken))) throw unknownCursor(input.pageToken);
  const policies = await deps.policies.list({ ...filter, afterId: input.pageToken || undefined, order, limit: limit + 1 });
  const page = policies.slice(0, limit);
  return { policies: page, nextPageToken: policies.length > limit ? (page.at(-1)?.id ?? "") : "" };
}
