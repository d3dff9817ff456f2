import type { Role } from "./actor.js";

/** The domain's own types; handlers translate them to and from the proto messages. */
export type Metadata = Record<string, unknown>;

export interface Organization {
  id: string;
  name: string;
  metadata: Metadata;
  createdAt: Date;
  updatedAt: Date;
}

export interface Project {
  id: string;
  orgId: string;
  name: string;
  quotaPolicyIds: string[];
  metadata: Metadata;
  createdAt: Date;
  updatedAt: Date;
}

export const KEY_STATUSES = ["active", "disabled", "revoked"] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

export interface ApiKey {
  id: string;
  projectId: string;
  orgId: string;
  name: string;
  displayPrefix: string;
  lastFour: string;
  status: KeyStatus;
  allowedModels: string[];
  allowedEndpoints: string[];
  expiresAt: Date | null;
  ipAllowList: string[];
  metadata: Metadata;
  requireSignature: boolean;
  quotaPolicyIds: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  revokedAt: Date | null;
  rotatedAt: Date | null;
  /** End of the grace period of the secret replaced by the last rotation, while it lasts. */
  previousSecretExpiresAt: Date | null;
}

/** A key's secret as shown once, at creation or rotation. */
export interface IssuedKeySecret {
  key: string;
  signingSecret: string;
}

export type UserStatus = "active" | "disabled";

export interface User {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Empty for platform admins. */
  orgId: string;
  status: UserStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface AdminToken {
  id: string;
  userId: string;
  name: string;
  displayPrefix: string;
  lastFour: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface AuditRecord {
  id: string;
  sequence: number;
  occurredAt: Date;
  actorId: string;
  actorRole: string;
  action: string;
  resourceType: string;
  resourceId: string;
  orgId: string;
  clientIp: string;
  requestId: string;
  before: Metadata | null;
  after: Metadata | null;
}
