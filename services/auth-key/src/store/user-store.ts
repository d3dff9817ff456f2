import type { Knex } from "@llm-serve/common";
import type { Role } from "../domain/actor.js";
import type { User, UserStatus } from "../domain/model.js";

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  org_id: string | null;
  status: UserStatus;
  created_at: Date;
  updated_at: Date;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    orgId: row.org_id ?? "",
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class UserStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(user: User, createdBy: string): Promise<void> {
    await this.db("users").insert({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      org_id: user.orgId || null,
      status: user.status,
      created_by: createdBy,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    });
  }

  /** Users of one organization, or every user (platform admins included) when `orgId` is null. */
  async list(orgId: string | null): Promise<User[]> {
    const query = this.db<UserRow>("users").select("*").orderBy("created_at").orderBy("id");
    if (orgId !== null) query.where({ org_id: orgId });
    return (await query).map(toUser);
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<User | undefined> {
    const query = this.db<UserRow>("users").where({ id }).first("*");
    if (options.forUpdate) query.forUpdate();
    const row = await query;
    return row ? toUser(row) : undefined;
  }

  async update(user: User): Promise<void> {
    await this.db("users").where({ id: user.id }).update({ name: user.name, role: user.role, status: user.status, updated_at: user.updatedAt });
  }

  async delete(id: string): Promise<void> {
    await this.db("users").where({ id }).delete();
  }

  async count(): Promise<number> {
    const [row] = await this.db("users").count<{ count: number }[]>({ count: "*" });
    return Number(row?.count ?? 0);
  }

  /** Serialises first-run bootstrap across instances starting together. */
  async lockBootstrap(): Promise<void> {
    await this.db.raw("SELECT pg_advisory_xact_lock(hashtext('llm-serve.auth-key.bootstrap'))");
  }
}
