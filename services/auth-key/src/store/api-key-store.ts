import type { Knex } from "@llm-serve/common";
import type { ApiKey, KeyStatus } from "../domain/model.js";

interface ApiKeyRow {
  id: string;
  project_id: string;
  org_id: string;
  name: string;
  display_prefix: string;
  last_four: string;
  status: KeyStatus;
  allowed_models: string[];
  allowed_endpoints: string[];
  expires_at: Date | null;
  ip_allow_list: string[];
  metadata: Record<string, unknown>;
  require_signature: boolean;
  quota_policy_ids: string[];
  created_by: string;
  created_at: Date;
  updated_at: Date;
  revoked_at: Date | null;
  rotated_at: Date | null;
  previous_secret_expires_at: Date | null;
}

/** One secret of a key: the current one, or a replaced one during its grace period. */
export interface KeySecretRecord {
  id: string;
  keyId: string;
  hash: Buffer;
  displayPrefix: string;
  lastFour: string;
  createdAt: Date;
}

/** A key found by the hash of a presented secret. */
export interface KeyMatch {
  key: ApiKey;
  secretId: string;
  secretHash: Buffer;
  secretExpiresAt: Date | null;
  projectQuotaPolicyIds: string[];
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    projectId: row.project_id,
    orgId: row.org_id,
    name: row.name,
    displayPrefix: row.display_prefix,
    lastFour: row.last_four,
    status: row.status,
    allowedModels: row.allowed_models,
    allowedEndpoints: row.allowed_endpoints,
    expiresAt: row.expires_at,
    ipAllowList: row.ip_allow_list,
    metadata: row.metadata,
    requireSignature: row.require_signature,
    quotaPolicyIds: row.quota_policy_ids,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revokedAt: row.revoked_at,
    rotatedAt: row.rotated_at,
    previousSecretExpiresAt: row.previous_secret_expires_at,
  };
}

function toRow(key: ApiKey): Record<string, unknown> {
  return {
    name: key.name,
    display_prefix: key.displayPrefix,
    last_four: key.lastFour,
    status: key.status,
    allowed_models: key.allowedModels,
    allowed_endpoints: key.allowedEndpoints,
    expires_at: key.expiresAt,
    ip_allow_list: key.ipAllowList,
    metadata: JSON.stringify(key.metadata),
    require_signature: key.requireSignature,
    quota_policy_ids: key.quotaPolicyIds,
    updated_at: key.updatedAt,
    revoked_at: key.revokedAt,
    rotated_at: key.rotatedAt,
  };
}

export class ApiKeyStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  #select(): Knex.QueryBuilder {
    const graceEnd = this.db.raw(
      "(SELECT max(s.expires_at) FROM api_key_secrets s WHERE s.key_id = k.id AND s.expires_at > now()) AS previous_secret_expires_at",
    );
    return this.db("api_keys as k").select("k.*", graceEnd);
  }

  async insert(key: ApiKey, secret: KeySecretRecord): Promise<void> {
    await this.db("api_keys").insert({ id: key.id, project_id: key.projectId, org_id: key.orgId, created_by: key.createdBy, created_at: key.createdAt, ...toRow(key) });
    await this.addSecret(secret);
  }

  async addSecret(secret: KeySecretRecord): Promise<void> {
    await this.db("api_key_secrets").insert({
      id: secret.id,
      key_id: secret.keyId,
      key_hash: secret.hash,
      display_prefix: secret.displayPrefix,
      last_four: secret.lastFour,
      created_at: secret.createdAt,
    });
  }

  /**
   * Gives every other secret of the key at most `until` to live (a grace already shorter stays
   * shorter), and forgets secrets whose grace is over.
   */
  async endOtherSecrets(keyId: string, keepSecretId: string, until: Date): Promise<void> {
    await this.db("api_key_secrets").where({ key_id: keyId }).whereNot({ id: keepSecretId }).where("expires_at", "<=", this.db.fn.now()).delete();
    await this.db("api_key_secrets")
      .where({ key_id: keyId })
      .whereNot({ id: keepSecretId })
      .update({ expires_at: this.db.raw("LEAST(COALESCE(expires_at, ?::timestamptz), ?::timestamptz)", [until, until]) });
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<ApiKey | undefined> {
    const query = this.#select().where("k.id", id).first();
    if (options.forUpdate) query.forUpdate("k");
    const row = (await query) as ApiKeyRow | undefined;
    return row ? toApiKey(row) : undefined;
  }

  async listByProject(projectId: string): Promise<ApiKey[]> {
    const rows = (await this.#select().where("k.project_id", projectId).orderBy("k.created_at").orderBy("k.id")) as ApiKeyRow[];
    return rows.map(toApiKey);
  }

  async update(key: ApiKey): Promise<void> {
    await this.db("api_keys").where({ id: key.id }).update(toRow(key));
  }

  async delete(id: string): Promise<void> {
    await this.db("api_keys").where({ id }).delete();
  }

  async findByHash(hash: Buffer): Promise<KeyMatch | undefined> {
    const row = await this.#select()
      .join("api_key_secrets as s", "s.key_id", "k.id")
      .leftJoin("projects as p", "p.id", "k.project_id")
      .where("s.key_hash", hash)
      .first("s.id as secret_id", "s.key_hash as secret_hash", "s.expires_at as secret_expires_at", "p.quota_policy_ids as project_quota_policy_ids");
    if (!row) return undefined;
    return {
      key: toApiKey(row as ApiKeyRow),
      secretId: row.secret_id as string,
      secretHash: row.secret_hash as Buffer,
      secretExpiresAt: row.secret_expires_at as Date | null,
      projectQuotaPolicyIds: (row.project_quota_policy_ids as string[] | null) ?? [],
    };
  }
}
