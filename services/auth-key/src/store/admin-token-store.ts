import type { Knex } from "@llm-serve/common";
import type { Role } from "../domain/actor.js";
import type { AdminToken, UserStatus } from "../domain/model.js";

interface AdminTokenRow {
  id: string;
  user_id: string;
  name: string;
  display_prefix: string;
  last_four: string;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

/** A token found by its hash, with the user it speaks for. */
export interface TokenHolder {
  token: AdminToken;
  tokenHash: Buffer;
  role: Role;
  orgId: string;
  userStatus: UserStatus;
}

const COLUMNS = ["id", "user_id", "name", "display_prefix", "last_four", "expires_at", "revoked_at", "created_at"];

function toToken(row: AdminTokenRow): AdminToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    displayPrefix: row.display_prefix,
    lastFour: row.last_four,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

export class AdminTokenStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(token: AdminToken, tokenHash: Buffer): Promise<void> {
    await this.db("admin_tokens").insert({
      id: token.id,
      user_id: token.userId,
      token_hash: tokenHash,
      name: token.name,
      display_prefix: token.displayPrefix,
      last_four: token.lastFour,
      expires_at: token.expiresAt,
      created_at: token.createdAt,
    });
  }

  async listByUser(userId: string): Promise<AdminToken[]> {
    const rows: AdminTokenRow[] = await this.db("admin_tokens").where({ user_id: userId }).select(COLUMNS).orderBy("created_at").orderBy("id");
    return rows.map(toToken);
  }

  async find(id: string): Promise<AdminToken | undefined> {
    const row: AdminTokenRow | undefined = await this.db("admin_tokens").where({ id }).first(COLUMNS);
    return row ? toToken(row) : undefined;
  }

  async findByHash(tokenHash: Buffer): Promise<TokenHolder | undefined> {
    const row = await this.db("admin_tokens as t")
      .join("users as u", "u.id", "t.user_id")
      .where("t.token_hash", tokenHash)
      .first(...COLUMNS.map((column) => `t.${column}`), "t.token_hash", "u.role", "u.org_id", "u.status as user_status");
    if (!row) return undefined;
    return { token: toToken(row as AdminTokenRow), tokenHash: row.token_hash as Buffer, role: row.role as Role, orgId: (row.org_id as string | null) ?? "", userStatus: row.user_status as UserStatus };
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.db("admin_tokens").where({ id }).whereNull("revoked_at").update({ revoked_at: at });
  }
}
