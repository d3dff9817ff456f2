import { Router } from "express";
import { requireAdmin } from "../auth/require-admin.js";
import { organizationCreateBody, organizationUpdateBody, parseInput, projectCreateBody } from "./auth-admin-bodies.js";
import { ROLES, actorOf, callOptions, guardAttachments, param, type AuthAdminDeps } from "./auth-admin-context.js";
import { organizationView, projectView } from "./auth-admin-views.js";
import { pageById } from "../openapi/list-page.js";

/** /admin/organizations and the projects under them. */
export function authOrganizationRoutes(deps: AuthAdminDeps): Router {
  const routes = Router();
  const { admin, adminAuthenticator } = deps;

  routes.post("/organizations", requireAdmin(adminAuthenticator, ROLES.platform), async (request, response) => {
    const body = parseInput(organizationCreateBody, request.body);
    const { organization } = await admin.createOrganization({ actor: actorOf(request, response), name: body.name, metadataJson: JSON.stringify(body.metadata ?? {}) }, callOptions(response));
    response.status(201).json(organizationView(organization));
  });
  routes.get("/organizations", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { organizations } = await admin.listOrganizations({ actor: actorOf(request, response) }, callOptions(response));
    response.json(pageById(organizations.map(organizationView), request.query));
  });
  routes.get("/organizations/:organizationId", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { organization } = await admin.getOrganization({ actor: actorOf(request, response), id: param(request, "organizationId") }, callOptions(response));
    response.json(organizationView(organization));
  });
  routes.patch("/organizations/:organizationId", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const body = parseInput(organizationUpdateBody, request.body);
    const { organization } = await admin.updateOrganization(
      {
        actor: actorOf(request, response),
        id: param(request, "organizationId"),
        name: body.name,
        metadataJson: body.metadata === undefined ? undefined : JSON.stringify(body.metadata),
      },
      callOptions(response),
    );
    response.json(organizationView(organization));
  });
  routes.delete("/organizations/:organizationId", requireAdmin(adminAuthenticator, ROLES.platform), async (request, response) => {
    const id = param(request, "organizationId");
    await admin.deleteOrganization({ actor: actorOf(request, response), id }, callOptions(response));
    response.json({ object: "organization.deleted", id, deleted: true });
  });

  routes.post("/organizations/:organizationId/projects", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const body = parseInput(projectCreateBody, request.body);
    await guardAttachments(deps, response, [], body.quota_policy_ids ?? []);
    const { project } = await admin.createProject(
      {
        actor: actorOf(request, response),
        orgId: param(request, "organizationId"),
        name: body.name,
        quotaPolicyIds: body.quota_policy_ids ?? [],
        metadataJson: JSON.stringify(body.metadata ?? {}),
      },
      callOptions(response),
    );
    response.status(201).json(projectView(project));
  });
  routes.get("/organizations/:organizationId/projects", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { projects } = await admin.listProjects({ actor: actorOf(request, response), orgId: param(request, "organizationId") }, callOptions(response));
    response.json(pageById(projects.map(projectView), request.query));
  });
  return routes;
}
