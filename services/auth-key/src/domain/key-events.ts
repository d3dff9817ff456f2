import { TOPICS, encodeEvent, type EncodedEvent } from "@llm-serve/common";
import type { Actor } from "./actor.js";
import type { AuthKeyDeps } from "./deps.js";
import type { ApiKey } from "./model.js";

type EventDeps = Pick<AuthKeyDeps, "events">;

function requestIdOf(actor: Actor): { requestId?: string } {
  return actor.requestId ? { requestId: actor.requestId } : {};
}

/** Every cache holding the key must refuse it from now on. */
export function keyRevokedEvent(deps: EventDeps, actor: Actor, key: ApiKey, reason: string): EncodedEvent {
  return encodeEvent(
    { topic: TOPICS.keyRevoked, key: key.id, payload: { keyId: key.id, projectId: key.projectId, orgId: key.orgId, revokedBy: actor.userId, reason }, ...requestIdOf(actor) },
    deps.events,
  );
}

/** Every cache holding the key must drop it and ask again. */
export function keyUpdatedEvent(deps: EventDeps, actor: Actor, key: ApiKey, changedFields: string[]): EncodedEvent {
  return encodeEvent(
    { topic: TOPICS.keyUpdated, key: key.id, payload: { keyId: key.id, projectId: key.projectId, orgId: key.orgId, changedFields }, ...requestIdOf(actor) },
    deps.events,
  );
}
