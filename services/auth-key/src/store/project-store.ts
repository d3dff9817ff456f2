import type { Knex } from "@llm-serve/common";
import type { Project } from "../domain/model.js";

interface ProjectRow {
  id: string;
  org_id: string;
  name: string;
  quota_policy_ids: string[];
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    quotaPolicyIds: row.quota_policy_ids,
    metadata: row.metadata,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ProjectStore {
  constructor(private readonly db: Knex | Knex.Transaction) {}

  async insert(project: Project): Promise<void> {
    await this.db("projects").insert({
      id: project.id,
      org_id: project.orgId,
      name: project.name,
      quota_policy_ids: project.quotaPolicyIds,
      metadata: JSON.stringify(project.metadata),
      created_at: project.createdAt,
      updated_at: project.updatedAt,
    });
  }

  async listByOrganization(orgId: string): Promise<Project[]> {
    const rows = await this.db<ProjectRow>("projects").where({ org_id: orgId }).select("*").orderBy("created_at").orderBy("id");
    return rows.map(toProject);
  }

  async find(id: string, options: { forUpdate?: boolean } = {}): Promise<Project | undefined> {
    const query = this.db<ProjectRow>("projects").where({ id }).first("*");
    if (options.forUpdate) query.forUpdate();
    const row = await query;
    return row ? toProject(row) : undefined;
  }

  async update(project: Project): Promise<void> {
    await this.db("projects").where({ id: project.id }).update({
      name: project.name,
      quota_policy_ids: project.quotaPolicyIds,
      metadata: JSON.stringify(project.metadata),
      updated_at: project.updatedAt,
    });
  }

  async delete(id: string): Promise<void> {
    await this.db("projects").where({ id }).delete();
  }
}
