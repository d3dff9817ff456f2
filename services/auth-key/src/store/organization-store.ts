import type { Knex } from "@llm-serve/common";
import type { Organization } from "../domain/model.js";

interface OrganizationRow {
  id: string;
  name: string;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

function toOrganization(row: OrganizationRow): Organization {
  return { id: row.id, name: row.name, metadata: row.metadata, createdAt: row.created_at, updatedAt: row.updated_at };
}

export class OrganizationStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(organization: Organization): Promise<void> {
    await this.db("organizations").insert({
      id: organization.id,
      name: organization.name,
      metadata: JSON.stringify(organization.metadata),
      created_at: organization.createdAt,
      updated_at: organization.updatedAt,
    });
  }

  /** Every organization, or only those listed. */
  async list(onlyIds?: readonly string[]): Promise<Organization[]> {
    const query = this.db<OrganizationRow>("organizations").select("*").orderBy("created_at").orderBy("id");
    if (onlyIds) query.whereIn("id", onlyIds);
    return (await query).map(toOrganization);
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<Organization | undefined> {
    const query = this.db<OrganizationRow>("organizations").where({ id }).first("*");
    if (options.forUpdate) query.forUpdate();
    const row = await query;
    return row ? toOrganization(row) : undefined;
  }

  async update(organization: Organization): Promise<void> {
    await this.db("organizations")
      .where({ id: organization.id })
      .update({ name: organization.name, metadata: JSON.stringify(organization.metadata), updated_at: organization.updatedAt });
  }

  async delete(id: string): Promise<void> {
    await this.db("organizations").where({ id }).delete();
  }

  /** What still hangs off an organization (it can be deleted only when empty). */
  async countChildren(id: string): Promise<{ projects: number; users: number }> {
    const [projects] = await this.db("projects").where({ org_id: id }).count<{ count: number }[]>({ count: "*" });
    const [users] = await this.db("users").where({ org_id: id }).count<{ count: number }[]>({ count: "*" });
    return { projects: Number(projects?.count ?? 0), users: Number(users?.count ?? 0) };
  }
}
