import type { Actor } from "../actor.js";
import type { AuthKeyDeps } from "../deps.js";
import type { Metadata, Project } from "../model.js";
import { assertCan } from "../permissions.js";
import { recordAudit } from "../record-audit.js";
import { newId } from "../secrets.js";
import { requireName, validateMetadata, validateQuotaPolicyIds } from "../validation.js";
import { findOrganization } from "../organizations/get-organization.js";
import type { Stores } from "../../store/stores.js";

export interface CreateProjectInput {
  orgId: string;
  name: string;
  quotaPolicyIds: string[];
  metadata: Metadata;
}

/** Inside a running transaction: also used by the quickstart. */
export async function insertProject(stores: Stores, deps: AuthKeyDeps, actor: Actor, input: CreateProjectInput): Promise<Project> {
  await findOrganization(stores, input.orgId);
  const now = deps.now();
  const project: Project = {
    id: newId("proj"),
    orgId: input.orgId,
    name: requireName(input.name),
    quotaPolicyIds: validateQuotaPolicyIds(input.quotaPolicyIds),
    metadata: validateMetadata(input.metadata),
    createdAt: now,
    updatedAt: now,
  };
  await stores.projects.insert(project);
  await recordAudit(stores, deps, actor, { action: "project.create", resourceType: "project", resourceId: project.id, orgId: project.orgId, after: project });
  return project;
}

export async function createProject(deps: AuthKeyDeps, actor: Actor, input: CreateProjectInput): Promise<Project> {
  assertCan(actor, "project.create", input.orgId);
  return deps.transact((stores) => insertProject(stores, deps, actor, input));
}
