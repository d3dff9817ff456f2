import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { ApiKey, IssuedKeySecret, Metadata, Project } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { newId } from "../secrets.js";
import {
  requireName,
  validateCidrs,
  validateEndpoints,
  validateFutureTime,
  validateMetadata,
  validateModelPatterns,
  validateQuotaPolicyIds,
} from "../validation.js";
import { findProject } from "../projects/get-project.js";
import { issueKeySecret } from "./issue-key-secret.js";
import type { Stores } from "../../store/stores.js";

export interface CreateKeyInput {
  projectId: string;
  name: string;
  allowedModels: string[];
  allowedEndpoints: string[];
  expiresAt: Date | null;
  ipAllowList: string[];
  metadata: Metadata;
  requireSignature: boolean;
  quotaPolicyIds: string[];
}

export interface CreatedKey {
  key: ApiKey;
  /** Shown once: only its hash is kept. */
  secret: IssuedKeySecret;
}

/** Inside a running transaction: also used by the quickstart. */
export async function insertKey(stores: Stores, deps: AuthKeyDeps, actor: Actor, project: Project, input: CreateKeyInput): Promise<CreatedKey> {
  const now = deps.now();
  const id = newId("key");
  const { record, issued } = issueKeySecret(deps, id);
  const key: ApiKey = {
    id,
    projectId: project.id,
    orgId: project.orgId,
    name: requireName(input.name),
    displayPrefix: record.displayPrefix,
    lastFour: record.lastFour,
    status: "active",
    allowedModels: validateModelPatterns(input.allowedModels),
    allowedEndpoints: validateEndpoints(input.allowedEndpoints),
    expiresAt: validateFutureTime(input.expiresAt, now, "expires_at"),
    ipAllowList: validateCidrs(input.ipAllowList),
    metadata: validateMetadata(input.metadata),
    requireSignature: input.requireSignature,
    quotaPolicyIds: validateQuotaPolicyIds(input.quotaPolicyIds),
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    revokedAt: null,
    rotatedAt: null,
    previousSecretExpiresAt: null,
  };
  await stores.keys.insert(key, record);
  await recordAudit(stores, deps, actor, { action: "key.create", resourceType: "api_key", resourceId: key.id, orgId: key.orgId, after: key });
  return { key, secret: issued };
}

export async function createKey(deps: AuthKeyDeps, actor: Actor, input: CreateKeyInput): Promise<CreatedKey> {
  return deps.transact(async (stores) => {
    const project = await findProject(stores, input.projectId);
    assertCan(actor, "key.create", project.orgId);
    if (input.quotaPolicyIds.length > 0) assertCan(actor, "key.quota_policies", project.orgId);
    return insertKey(stores, deps, actor, project, input);
  });
}
