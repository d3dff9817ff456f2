import type { Actor } from "./actor.js";
import type { AuthKeyDeps } from "./deps.js";
import type { ApiKey, IssuedKeySecret, Organization, Project } from "./model.js";
import { assertCan } from "./permissions.js";
import { insertKey } from "./keys/create-key.js";
import { insertOrganization } from "./organizations/create-organization.js";
import { insertProject } from "./projects/create-project.js";

export interface QuickstartInput {
  organizationName: string;
  projectName: string;
  keyName: string;
}

export interface QuickstartResult {
  organization: Organization;
  project: Project;
  key: ApiKey;
  secret: IssuedKeySecret;
}

/** First run in one call: an organization, a project and an unrestricted key, audited as three operations. */
export async function quickstart(deps: AuthKeyDeps, actor: Actor, input: QuickstartInput): Promise<QuickstartResult> {
  assertCan(actor, "quickstart", null);
  return deps.transact(async (stores) => {
    const organization = await insertOrganization(stores, deps, actor, { name: input.organizationName || "Default organization", metadata: {} });
    const project = await insertProject(stores, deps, actor, { orgId: organization.id, name: input.projectName || "Default project", quotaPolicyIds: [], metadata: {} });
    const created = await insertKey(stores, deps, actor, project, {
      projectId: project.id,
      name: input.keyName || "First key",
      allowedModels: [],
      allowedEndpoints: [],
      expiresAt: null,
      ipAllowList: [],
      metadata: {},
      requireSignature: false,
      quotaPolicyIds: [],
    });
    return { organization, project, key: created.key, secret: created.secret };
  });
}
