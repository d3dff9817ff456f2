import type { Knex } from "@llm-serve/common";

export type DocumentTable = "assistants" | "threads" | "messages" | "runs" | "run_steps" | "responses" | "conversations" | "items";

/** Where an object sits: its parents and status, the columns it is found by. */
export interface DocumentRefs {
  threadId?: string;
  runId?: string;
  status?: string;
}

export interface PageRequest {
  limit: number;
  order: "asc" | "desc";
  after?: string;
  before?: string;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

export interface StoredDocument<T> {
  body: T;
  status: string;
}

type Row = { id: string; body: unknown; status: string; seq: string };

/**
 * OpenAI objects kept as JSON, one table per kind (ADR 0024). Every read and write names the project:
 * another project's object is simply not found.
 */
export class DocumentStore<T extends { id: string }> {
  constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly table: DocumentTable,
  ) {}

  /** The same store inside a transaction. */
  in(trx: Knex.Transaction): DocumentStore<T> {
    return new DocumentStore<T>(trx, this.table);
  }

  async insert(projectId: string, body: T, refs: DocumentRefs = {}, extra: Record<string, unknown> = {}): Promise<void> {
    await this.db(this.table).insert({
      id: body.id,
      project_id: projectId,
      ...(refs.threadId === undefined ? {} : { thread_id: refs.threadId }),
      ...(refs.runId === undefined ? {} : { run_id: refs.runId }),
      status: refs.status ?? "active",
      body: JSON.stringify(body),
      ...this.#assistantColumns(body),
      ...extra,
    });
  }

  async find(projectId: string, id: string, refs: DocumentRefs = {}): Promise<StoredDocument<T> | undefined> {
    const row = (await this.#scoped(projectId, refs).where({ id }).first()) as Row | undefined;
    return row ? { body: row.body as T, status: row.status } : undefined;
  }

  /** Replaces the object; `expectedStatus` makes it a compare-and-set (false when another change won). */
  async update(projectId: string, body: T, status?: string, expectedStatus?: readonly string[], extra: Record<string, unknown> = {}): Promise<boolean> {
    const query = this.db(this.table).where({ project_id: projectId, id: body.id });
    if (expectedStatus) query.whereIn("status", expectedStatus as string[]);
    const changed = await query.update({ body: JSON.stringify(body), ...(status === undefined ? {} : { status }), ...this.#assistantColumns(body), ...extra });
    return changed > 0;
  }

  async setStatus(projectId: string, id: string, status: string): Promise<void> {
    await this.db(this.table).where({ project_id: projectId, id }).update({ status });
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    return (await this.db(this.table).where({ project_id: projectId, id }).delete()) > 0;
  }

  /** OpenAI's cursor pagination over creation order: `after` / `before` are object ids. */
  async list(projectId: string, refs: DocumentRefs, page: PageRequest): Promise<Page<T>> {
    const query = this.#scoped(projectId, refs);
    const ascending = page.order === "asc";
    for (const [cursor, forward] of [[page.after, true], [page.before, false]] as const) {
      if (!cursor) continue;
      const seq = await this.#seqOf(projectId, cursor);
      // A cursor that is not one of the project's objects pages from nothing.
      if (seq === undefined) return { data: [], hasMore: false };
      query.where("seq", ascending === forward ? ">" : "<", seq);
    }
    const rows = (await query.orderBy("seq", page.order).limit(page.limit + 1)) as Row[];
    return { data: rows.slice(0, page.limit).map((row) => row.body as T), hasMore: rows.length > page.limit };
  }

  /** Every object under the refs, oldest first (a thread's messages for a run's context). */
  async all(projectId: string, refs: DocumentRefs): Promise<T[]> {
    const rows = (await this.#scoped(projectId, refs).orderBy("seq", "asc")) as Row[];
    return rows.map((row) => row.body as T);
  }

  #scoped(projectId: string, refs: DocumentRefs) {
    const query = this.db(this.table).where({ project_id: projectId });
    if (refs.threadId !== undefined) query.where({ thread_id: refs.threadId });
    if (refs.runId !== undefined) query.where({ run_id: refs.runId });
    if (refs.status !== undefined) query.where({ status: refs.status });
    return query;
  }

  async #seqOf(projectId: string, id: string): Promise<string | undefined> {
    const row = (await this.db(this.table).where({ project_id: projectId, id }).first("seq")) as { seq: string } | undefined;
    return row?.seq;
  }

  /** The assistants table also has the legacy `model` and `name` columns (GetAssistant reads them). */
  #assistantColumns(body: T): Record<string, unknown> {
    if (this.table !== "assistants") return {};
    const assistant = body as unknown as { model?: string; name?: string | null };
    return { model: assistant.model ?? "", name: assistant.name ?? "" };
  }
}
