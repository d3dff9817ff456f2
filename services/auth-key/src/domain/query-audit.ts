import { AppError, readListOrder, unknownCursor } from "@llm-serve/common";
import type { Actor } from "./actor.js";
import type { AuthKeyDeps } from "./deps.js";
import type { AuditRecord } from "./model.js";
import { assertCan } from "./permissions.js";
import type { AuditFilter } from "../store/audit-store.js";

export interface AuditQuery extends Omit<AuditFilter, "limit" | "orgId" | "order"> {
  /** Empty: platform admins see every organization; everyone else their own. */
  orgId: string;
  limit?: number;
  /** `desc` (none: the default) newest first, `asc` oldest first; anything else is refused. */
  order?: string;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Pass as `beforeSequence` for the next (older) page; 0 when there is none, and always when `asc`. */
  nextBeforeSequence: number;
  /** Whether records follow this page in the order asked for. */
  hasMore: boolean;
}

const MAX_LIMIT = 500;

export async function queryAudit(deps: AuthKeyDeps, actor: Actor, input: AuditQuery): Promise<AuditPage> {
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new AppError("invalid_request", `limit must be 1 to ${MAX_LIMIT}.`, { details: { param: "limit" } });
  let orgId: string | undefined = input.orgId || undefined;
  if (actor.role !== "platform_admin") orgId = input.orgId || actor.orgId;
  const order = readListOrder(input.order, "desc");
  // The older cursor counts down from the newest: it has no meaning walking up from the oldest.
  if (order === "asc" && input.beforeSequence) throw new AppError("invalid_request", "before_sequence pages newest first: it cannot be combined with order asc.", { details: { param: "before_sequence" } });
  assertCan(actor, "audit.read", orgId ?? null);
  // A cursor the same search does not find (unknown, another org's, filtered out) is refused, not an empty page.
  if (input.afterId && !(await deps.stores.audit.matches({ ...input, orgId }, input.afterId))) throw unknownCursor(input.afterId);
  const records = await deps.stores.audit.query({ ...input, orgId, order, limit: limit + 1 });
  const page = records.slice(0, limit);
  const last = page[page.length - 1];
  const hasMore = records.length > limit;
  return { records: page, nextBeforeSequence: order === "desc" && hasMore && last ? last.sequence : 0, hasMore };
}
