import { AppError } from "@llm-serve/common";
import type { CallContext } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import { isRole, type Actor } from "../domain/actor.js";
import type { AdminToken, ApiKey, AuditRecord, IssuedKeySecret, Metadata, Organization, Project, User } from "../domain/model.js";

const ms = (date: Date | null): number => (date ? date.getTime() : 0);
const json = (value: Metadata | null): string => (value === null ? "" : JSON.stringify(value));

/** The actor named by the gateway, with this call's request id for the audit trail. */
export function actorOf(actor: authKeyV1.Actor | undefined, context: CallContext): Actor {
  if (!actor || !actor.userId || !isRole(actor.role)) throw new AppError("invalid_request", "The call names no valid actor.");
  return { userId: actor.userId, role: actor.role, orgId: actor.orgId, clientIp: actor.clientIp, requestId: context.requestId };
}

/** `""` means "none given" (an empty object). */
export function metadataFrom(metadataJson: string): Metadata {
  if (metadataJson === "") return {};
  try {
    return JSON.parse(metadataJson) as Metadata;
  } catch {
    throw new AppError("invalid_request", "metadata must be a JSON object.", { details: { param: "metadata" } });
  }
}

export function optionalMetadataFrom(metadataJson: string | undefined): Metadata | undefined {
  return metadataJson === undefined ? undefined : metadataFrom(metadataJson);
}

/** 0 means "none". */
export function dateFrom(milliseconds: number): Date | null {
  return milliseconds > 0 ? new Date(milliseconds) : null;
}

export function listFrom(list: authKeyV1.StringList | undefined): string[] | undefined {
  return list ? list.values : undefined;
}

export function toProtoOrganization(organization: Organization): authKeyV1.Organization {
  return { id: organization.id, name: organization.name, metadataJson: json(organization.metadata), createdAtMs: ms(organization.createdAt), updatedAtMs: ms(organization.updatedAt) };
}

export function toProtoProject(project: Project): authKeyV1.Project {
  return {
    id: project.id,
    orgId: project.orgId,
    name: project.name,
    quotaPolicyIds: project.quotaPolicyIds,
    metadataJson: json(project.metadata),
    createdAtMs: ms(project.createdAt),
    updatedAtMs: ms(project.updatedAt),
  };
}

export function toProtoKey(key: ApiKey): authKeyV1.ApiKey {
  return {
    id: key.id,
    projectId: key.projectId,
    orgId: key.orgId,
    name: key.name,
    displayPrefix: key.displayPrefix,
    lastFour: key.lastFour,
    status: key.status,
    allowedModels: key.allowedModels,
    allowedEndpoints: key.allowedEndpoints,
    expiresAtMs: ms(key.expiresAt),
    ipAllowList: key.ipAllowList,
    metadataJson: json(key.metadata),
    requireSignature: key.requireSignature,
    quotaPolicyIds: key.quotaPolicyIds,
    createdBy: key.createdBy,
    createdAtMs: ms(key.createdAt),
    updatedAtMs: ms(key.updatedAt),
    revokedAtMs: ms(key.revokedAt),
    rotatedAtMs: ms(key.rotatedAt),
    previousSecretExpiresAtMs: ms(key.previousSecretExpiresAt),
  };
}

export function toProtoSecret(secret: IssuedKeySecret): authKeyV1.IssuedKeySecret {
  return { key: secret.key, signingSecret: secret.signingSecret };
}

export function toProtoUser(user: User): authKeyV1.User {
  return { id: user.id, name: user.name, email: user.email, role: user.role, orgId: user.orgId, status: user.status, createdAtMs: ms(user.createdAt), updatedAtMs: ms(user.updatedAt) };
}

export function toProtoAdminToken(token: AdminToken): authKeyV1.AdminToken {
  return {
    id: token.id,
    userId: token.userId,
    name: token.name,
    displayPrefix: token.displayPrefix,
    lastFour: token.lastFour,
    expiresAtMs: ms(token.expiresAt),
    revokedAtMs: ms(token.revokedAt),
    createdAtMs: ms(token.createdAt),
  };
}

export function toProtoAuditRecord(record: AuditRecord): authKeyV1.AuditRecord {
  return {
    id: record.id,
    sequence: record.sequence,
    occurredAtMs: ms(record.occurredAt),
    actorId: record.actorId,
    actorRole: record.actorRole,
    action: record.action,
    resourceType: record.resourceType,
    resourceId: record.resourceId,
    orgId: record.orgId,
    clientIp: record.clientIp,
    requestId: record.requestId,
    beforeJson: json(record.before),
    afterJson: json(record.after),
  };
}
