import { AppError } from "@llm-serve/common";
import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import { keyUpdatedEvent } from "../key-events.js";
import type { ApiKey } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import type { CreatedKey } from "./create-key.js";
import { findKey } from "./get-key.js";
import { issueKeySecret } from "./issue-key-secret.js";

export interface RotateKeyInput {
  id: string;
  /** How long the replaced secret keeps working; undefined = the service default. */
  gracePeriodSeconds?: number;
}

function graceSeconds(deps: AuthKeyDeps, requested: number | undefined): number {
  const seconds = requested ?? deps.defaultGraceSeconds;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > deps.maxGraceSeconds) {
    throw new AppError("invalid_request", `grace_period_seconds must be a whole number from 0 to ${deps.maxGraceSeconds}.`, { details: { param: "grace_period_seconds" } });
  }
  return seconds;
}

/** Issues a new secret; the old one keeps working until the end of the grace period. */
export async function rotateKey(deps: AuthKeyDeps, actor: Actor, input: RotateKeyInput): Promise<CreatedKey> {
  const grace = graceSeconds(deps, input.gracePeriodSeconds);
  return deps.transact(async (stores) => {
    const before = await findKey(stores, input.id, { forUpdate: true });
    assertCan(actor, "key.rotate", before.orgId);
    if (before.status === "revoked") throw new AppError("conflict", `API key ${before.id} is revoked and cannot be rotated.`);
    const now = deps.now();
    const { record, issued } = issueKeySecret(deps, before.id);
    const graceEnd = new Date(now.getTime() + grace * 1000);
    await stores.keys.addSecret(record);
    await stores.keys.endOtherSecrets(before.id, record.id, graceEnd);
    const rotated: ApiKey = { ...before, displayPrefix: record.displayPrefix, lastFour: record.lastFour, rotatedAt: now, updatedAt: now };
    await stores.keys.update(rotated);
    const after = await findKey(stores, before.id);
    await recordAudit(stores, deps, actor, { action: "key.rotate", resourceType: "api_key", resourceId: after.id, orgId: after.orgId, before, after });
    await stores.outbox.enqueue([keyUpdatedEvent(deps, actor, after, ["secret"])]);
    return { key: after, secret: issued };
  });
}
