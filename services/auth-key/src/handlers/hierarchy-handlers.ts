import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { createOrganization } from "../domain/organizations/create-organization.js";
import { deleteOrganization } from "../domain/organizations/delete-organization.js";
import { getOrganization } from "../domain/organizations/get-organization.js";
import { listOrganizations } from "../domain/organizations/list-organizations.js";
import { updateOrganization } from "../domain/organizations/update-organization.js";
import { createProject } from "../domain/projects/create-project.js";
import { deleteProject } from "../domain/projects/delete-project.js";
import { getProject } from "../domain/projects/get-project.js";
import { listProjects } from "../domain/projects/list-projects.js";
import { updateProject } from "../domain/projects/update-project.js";
import { actorOf, listFrom, metadataFrom, optionalMetadataFrom, toProtoOrganization, toProtoProject } from "./proto-mapping.js";

type Handlers = ServiceHandlers<typeof authKeyV1.AuthAdminServiceService>;
type HierarchyHandlers = Pick<
  Handlers,
  | "createOrganization"
  | "listOrganizations"
  | "getOrganization"
  | "updateOrganization"
  | "deleteOrganization"
  | "createProject"
  | "listProjects"
  | "getProject"
  | "updateProject"
  | "deleteProject"
>;

export function createHierarchyHandlers(deps: AuthKeyDeps): HierarchyHandlers {
  return {
    createOrganization: async (request, context) => ({
      organization: toProtoOrganization(await createOrganization(deps, actorOf(request.actor, context), { name: request.name, metadata: metadataFrom(request.metadataJson) })),
    }),
    listOrganizations: async (request, context) => ({
      organizations: (await listOrganizations(deps, actorOf(request.actor, context))).map(toProtoOrganization),
    }),
    getOrganization: async (request, context) => ({
      organization: toProtoOrganization(await getOrganization(deps, actorOf(request.actor, context), { id: request.id })),
    }),
    updateOrganization: async (request, context) => ({
      organization: toProtoOrganization(
        await updateOrganization(deps, actorOf(request.actor, context), { id: request.id, name: request.name, metadata: optionalMetadataFrom(request.metadataJson) }),
      ),
    }),
    deleteOrganization: async (request, context) => {
      await deleteOrganization(deps, actorOf(request.actor, context), { id: request.id });
      return {};
    },
    createProject: async (request, context) => ({
      project: toProtoProject(
        await createProject(deps, actorOf(request.actor, context), {
          orgId: request.orgId,
          name: request.name,
          quotaPolicyIds: request.quotaPolicyIds,
          metadata: metadataFrom(request.metadataJson),
        }),
      ),
    }),
    listProjects: async (request, context) => ({
      projects: (await listProjects(deps, actorOf(request.actor, context), { orgId: request.orgId })).map(toProtoProject),
    }),
    getProject: async (request, context) => ({ project: toProtoProject(await getProject(deps, actorOf(request.actor, context), { id: request.id })) }),
    updateProject: async (request, context) => ({
      project: toProtoProject(
        await updateProject(deps, actorOf(request.actor, context), {
          id: request.id,
          name: request.name,
          quotaPolicyIds: listFrom(request.quotaPolicyIds),
          metadata: optionalMetadataFrom(request.metadataJson),
        }),
      ),
    }),
    deleteProject: async (request, context) => {
      await deleteProject(deps, actorOf(request.actor, context), { id: request.id });
      return {};
    },
  };
}
