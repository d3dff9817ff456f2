import { describe, expect, it } from "vitest";
import type { AuditFilter } from "../store/audit-store.js";
import { SYSTEM_ACTOR } from "./actor.js";
import type { AuthKeyDeps } from "./deps.js";
import { queryAudit } from "./query-audit.js";

/** An audit store of records with sequences 1..5, answering as the SQL does. */
function depsWith(asked: AuditFilter[]): AuthKeyDeps {
  const sequences = [1, 2, 3, 4, 5];
  const query = async (filter: AuditFilter) => {
    asked.push(filter);
    const sorted = filter.order === "desc" ? [...sequences].reverse() : sequences;
    return sorted.slice(0, filter.limit).map((sequence) => ({ id: `aud_${sequence}`, sequence }));
  };
  const matches = async (_filter: unknown, id: string) => sequences.some((sequence) => `aud_${sequence}` === id);
  return { stores: { audit: { query, matches } } } as unknown as AuthKeyDeps;
}

const input = { orgId: "", limit: 2 };

describe("queryAudit", () => {
  it("is newest first by default; asc is oldest first, has_more said in both, the older cursor only newest first", async () => {
    const asked: AuditFilter[] = [];
    const deps = depsWith(asked);
    const newest = await queryAudit(deps, SYSTEM_ACTOR, input);
    expect(newest).toMatchObject({ records: [{ sequence: 5 }, { sequence: 4 }], hasMore: true, nextBeforeSequence: 4 });
    const oldest = await queryAudit(deps, SYSTEM_ACTOR, { ...input, order: "asc" });
    expect(oldest).toMatchObject({ records: [{ sequence: 1 }, { sequence: 2 }], hasMore: true, nextBeforeSequence: 0 });
    expect(asked.map((filter) => [filter.order, filter.limit])).toEqual([["desc", 3], ["asc", 3]]);
    expect(await queryAudit(deps, SYSTEM_ACTOR, { ...input, limit: 5, order: "asc" })).toMatchObject({ hasMore: false, nextBeforeSequence: 0 });
  });

  it("refuses a bad order, and before_sequence with asc, naming each", async () => {
    const deps = depsWith([]);
    await expect(queryAudit(deps, SYSTEM_ACTOR, { ...input, order: "newest" })).rejects.toMatchObject({ code: "invalid_request", details: { param: "order" } });
    await expect(queryAudit(deps, SYSTEM_ACTOR, { ...input, order: "asc", beforeSequence: 9 })).rejects.toMatchObject({ code: "invalid_request", details: { param: "before_sequence" } });
  });

  it("refuses an after cursor the search does not find with a 400 naming after, and pages on from one it finds", async () => {
    const asked: AuditFilter[] = [];
    const deps = depsWith(asked);
    await expect(queryAudit(deps, SYSTEM_ACTOR, { ...input, afterId: "aud_9" })).rejects.toMatchObject({ code: "invalid_request", message: "after: aud_9 is not an item of this list", details: { param: "after" } });
    expect(asked).toEqual([]);
    await queryAudit(deps, SYSTEM_ACTOR, { ...input, afterId: "aud_3" });
    expect(asked.map((filter) => filter.afterId)).toEqual(["aud_3"]);
  });
});
