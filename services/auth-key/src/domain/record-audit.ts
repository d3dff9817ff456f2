import { TOPICS, encodeEvent } from "@llm-serve/common";
import type { Actor } from "./actor.js";
import type { AuthKeyDeps } from "./deps.js";
import { newId } from "./secrets.js";
import type { Stores } from "../store/stores.js";

export interface AuditEntry {
  /** `<resource>.<verb>`, e.g. `key.rotate`. */
  action: string;
  resourceType: string;
  resourceId: string;
  orgId: string;
  before?: object | null;
  after?: object | null;
}

const SECRET_FIELD = /hash|secret|password|^key$|^token$/i;

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * A JSON copy of a domain object, its own fields in snake_case like the admin API (nested user
 * metadata keeps its keys), with anything secret-shaped removed: a safety net, since the domain
 * objects given here never hold secrets in the first place.
 */
export function withoutSecrets(value: object | null | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  const copy = strip(JSON.parse(JSON.stringify(value))) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(copy).map(([name, child]) => [snakeCase(name), child]));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !SECRET_FIELD.test(name)).map(([name, child]) => [name, strip(child)]));
}

/**
 * Appends one audit record and enqueues its `llmserve.audit.recorded.v1` event, in the caller's
 * transaction: an admin change is never committed without its record.
 */
export async function recordAudit(stores: Stores, deps: Pick<AuthKeyDeps, "now" | "events">, actor: Actor, entry: AuditEntry): Promise<void> {
  const record = {
    id: newId("aud"),
    occurredAt: deps.now(),
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    orgId: entry.orgId,
    clientIp: actor.clientIp,
    requestId: actor.requestId,
    before: withoutSecrets(entry.before),
    after: withoutSecrets(entry.after),
  };
  await stores.audit.append(record);
  const payload = {
    auditId: record.id,
    actorId: record.actorId,
    actorRole: record.actorRole,
    action: record.action,
    resourceType: record.resourceType,
    resourceId: record.resourceId,
    orgId: record.orgId,
    clientIp: record.clientIp,
    beforeJson: record.before === null ? "" : JSON.stringify(record.before),
    afterJson: record.after === null ? "" : JSON.stringify(record.after),
    occurredAt: record.occurredAt.toISOString(),
  };
  await stores.outbox.enqueue([
    encodeEvent(
      { topic: TOPICS.auditRecorded, key: record.orgId || "platform", payload, subject: record.resourceId, ...(actor.requestId ? { requestId: actor.requestId } : {}), time: record.occurredAt },
      deps.events,
    ),
  ]);
}
