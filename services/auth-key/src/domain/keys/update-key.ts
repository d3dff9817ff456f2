import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyUpdatedEvent } from "../key-events.js";
import type { ApiKey, Metadata } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import {
  requireName,
  validateCidrs,
  validateEndpoints,
  validateFutureTime,
  validateMetadata,
  validateModelPatterns,
  validateQuotaPolicyIds,
} from "../validation.js";
import { findKey } from "./get-key.js";

export interface UpdateKeyInput {
  id: string;
  name?: string;
  allowedModels?: string[];
  allowedEndpoints?: string[];
  /** `null` removes the expiry. */
  expiresAt?: Date | null;
  ipAllowList?: string[];
  metadata?: Metadata;
  requireSignature?: boolean;
  quotaPolicyIds?: string[];
  status?: "active" | "disabled";
}

function applyChanges(before: ApiKey, input: UpdateKeyInput, now: Date): ApiKey {
  return {
    ...before,
    name: input.name === undefined ? before.name : requireName(input.name),
    allowedModels: input.allowedModels === undefined ? before.allowedModels : validateModelPatterns(input.allowedModels),
    allowedEndpoints: input.allowedEndpoints === undefined ? before.allowedEndpoints : validateEndpoints(input.allowedEndpoints),
    expiresAt: input.expiresAt === undefined ? before.expiresAt : validateFutureTime(input.expiresAt, now, "expires_at"),
    ipAllowList: input.ipAllowList === undefined ? before.ipAllowList : validateCidrs(input.ipAllowList),
    metadata: input.metadata === undefined ? before.metadata : validateMetadata(input.metadata),
    requireSignature: input.requireSignature ?? before.requireSignature,
    quotaPolicyIds: input.quotaPolicyIds === undefined ? before.quotaPolicyIds : validateQuotaPolicyIds(input.quotaPolicyIds),
    status: input.status ?? before.status,
    updatedAt: now,
  };
}

const TRACKED_FIELDS = {
  name: "name",
  allowedModels: "allowed_models",
  allowedEndpoints: "allowed_endpoints",
  expiresAt: "expires_at",
  ipAllowList: "ip_allow_list",
  metadata: "metadata",
  requireSignature: "require_signature",
  quotaPolicyIds: "quota_policy_ids",
  status: "status",
} as const satisfies Partial<Record<keyof ApiKey, string>>;

function changedFields(before: ApiKey, after: ApiKey): string[] {
  return Object.entries(TRACKED_FIELDS)
    .filter(([field]) => JSON.stringify(before[field as keyof ApiKey]) !== JSON.stringify(after[field as keyof ApiKey]))
    .map(([, name]) => name);
}

/** Scope, expiry, allow-list and status changes reach every gateway cache through key-updated. */
export async function updateKey(deps: AuthKeyDeps, actor: Actor, input: UpdateKeyInput): Promise<ApiKey> {
  return deps.transact(async (stores) => {
    const before = await findKey(stores, input.id, { forUpdate: true });
    assertCan(actor, "key.update", before.orgId);
    if (before.status === "revoked") throw new AppError("conflict", `API key ${before.id} is revoked and cannot change.`);
    const after = applyChanges(before, input, deps.now());
    const changed = changedFields(before, after);
    if (changed.length === 0) return before;
    if (changed.includes("quota_policy_ids")) assertCan(actor, "key.quota_policies", before.orgId);
    await stores.keys.update(after);
    await recordAudit(stores, deps, actor, { action: "key.update", resourceType: "api_key", resourceId: after.id, orgId: after.orgId, before, after });
    await stores.outbox.enqueue([keyUpdatedEvent(deps, actor, after, changed)]);
    return after;
  });
}
