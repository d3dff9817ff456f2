import { enqueueEvents, type EncodedEvent, type Knex } from "@llm-serve/common";
import { AdminTokenStore } from "./admin-token-store.js";
import { ApiKeyStore } from "./api-key-store.js";
import { AuditStore } from "./audit-store.js";
import { OrganizationStore } from "./organization-store.js";
import { ProjectStore } from "./project-store.js";
import { UserStore } from "./user-store.js";

/** Every repository of the service, bound to one connection or one transaction. */
export interface Stores {
  organizations: OrganizationStore;
  projects: ProjectStore;
  users: UserStore;
  adminTokens: AdminTokenStore;
  keys: ApiKeyStore;
  audit: AuditStore;
  outbox: { enqueue(events: readonly EncodedEvent[]): Promise<void> };
}

export function createStores(db: Knex | Knex.Transaction): Stores {
  return {
    organizations: new OrganizationStore(db),
    projects: new ProjectStore(db),
    users: new UserStore(db),
    adminTokens: new AdminTokenStore(db),
    keys: new ApiKeyStore(db),
    audit: new AuditStore(db),
    outbox: { enqueue: (events) => enqueueEvents(db, events) },
  };
}

/**
 * Runs `work` in one transaction (state change, audit record and outbox events commit together),
 * then calls `afterCommit` so the relay sends the events at once instead of at its next poll.
 */
export function createTransactor(db: Knex, afterCommit: () => void) {
  return async function transact<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    const result = await db.transaction((trx) => work(createStores(trx)));
    afterCommit();
    return result;
  };
}
