import type { authKeyV1 } from "@llm-serve/proto";

/** JSON shapes of the admin API: snake_case, RFC 3339 times (null = none), never a secret. */
const time = (milliseconds: number): string | null => (milliseconds > 0 ? new Date(milliseconds).toISOString() : null);
const json = (text: string): unknown => (text ? JSON.parse(text) : null);

export function organizationView(organization: authKeyV1.Organization | undefined) {
  const value = organization!;
  return { object: "organization", id: value.id, name: value.name, metadata: json(value.metadataJson) ?? {}, created_at: time(value.createdAtMs), updated_at: time(value.updatedAtMs) };
}

export function projectView(project: authKeyV1.Project | undefined) {
  const value = project!;
  return {
    object: "project",
    id: value.id,
    organization_id: value.orgId,
    name: value.name,
    quota_policy_ids: value.quotaPolicyIds,
    metadata: json(value.metadataJson) ?? {},
    created_at: time(value.createdAtMs),
    updated_at: time(value.updatedAtMs),
  };
}

export function keyView(key: authKeyV1.ApiKey | undefined) {
  const value = key!;
  return {
    object: "api_key",
    id: value.id,
    project_id: value.projectId,
    organization_id: value.orgId,
    name: value.name,
    redacted_value: `${value.displayPrefix}…${value.lastFour}`,
    status: value.status,
    allowed_models: value.allowedModels,
    allowed_endpoints: value.allowedEndpoints,
    expires_at: time(value.expiresAtMs),
    ip_allow_list: value.ipAllowList,
    metadata: json(value.metadataJson) ?? {},
    require_signature: value.requireSignature,
    quota_policy_ids: value.quotaPolicyIds,
    created_by: value.createdBy,
    created_at: time(value.createdAtMs),
    updated_at: time(value.updatedAtMs),
    revoked_at: time(value.revokedAtMs),
    rotated_at: time(value.rotatedAtMs),
    previous_secret_expires_at: time(value.previousSecretExpiresAtMs),
  };
}

/** A key with its secrets, in the one answer that shows them (creation, rotation, quickstart). */
export function issuedKeyView(key: authKeyV1.ApiKey | undefined, secret: authKeyV1.IssuedKeySecret | undefined) {
  return { ...keyView(key), key: secret!.key, signing_secret: secret!.signingSecret };
}

export function userView(user: authKeyV1.User | undefined) {
  const value = user!;
  return {
    object: "user",
    id: value.id,
    name: value.name,
    email: value.email,
    role: value.role,
    organization_id: value.orgId || null,
    status: value.status,
    created_at: time(value.createdAtMs),
    updated_at: time(value.updatedAtMs),
  };
}

export function adminTokenView(token: authKeyV1.AdminToken | undefined) {
  const value = token!;
  return {
    object: "admin_token",
    id: value.id,
    user_id: value.userId,
    name: value.name,
    redacted_value: `${value.displayPrefix}…${value.lastFour}`,
    expires_at: time(value.expiresAtMs),
    revoked_at: time(value.revokedAtMs),
    created_at: time(value.createdAtMs),
  };
}

export function auditRecordView(record: authKeyV1.AuditRecord) {
  return {
    object: "audit_record",
    id: record.id,
    sequence: record.sequence,
    occurred_at: time(record.occurredAtMs),
    actor: { id: record.actorId, role: record.actorRole, ip: record.clientIp },
    action: record.action,
    resource: { type: record.resourceType, id: record.resourceId },
    organization_id: record.orgId || null,
    request_id: record.requestId,
    before: json(record.beforeJson),
    after: json(record.afterJson),
  };
}
