import { Router } from "express";
import { requireAdmin } from "../auth/require-admin.js";
import { keyCreateBody, parseInput, projectUpdateBody, timeToMs } from "./auth-admin-bodies.js";
import { ROLES, actorOf, callOptions, guardAttachments, param, type AuthAdminDeps } from "./auth-admin-context.js";
import { issuedKeyView, keyView, projectView } from "./auth-admin-views.js";
import { pageById } from "../openapi/list-page.js";

/** /admin/projects/:projectId and the keys under it. */
export function authProjectRoutes(deps: AuthAdminDeps): Router {
  const routes = Router();
  const { admin, adminAuthenticator } = deps;

  routes.get("/projects/:projectId", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { project } = await admin.getProject({ actor: actorOf(request, response), id: param(request, "projectId") }, callOptions(response));
    response.json(projectView(project));
  });
  routes.patch("/projects/:projectId", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const body = parseInput(projectUpdateBody, request.body);
    if (body.quota_policy_ids !== undefined) {
      const { project: current } = await admin.getProject({ actor: actorOf(request, response), id: param(request, "projectId") }, callOptions(response));
      await guardAttachments(deps, response, current?.quotaPolicyIds ?? [], body.quota_policy_ids);
    }
    const { project } = await admin.updateProject(
      {
        actor: actorOf(request, response),
        id: param(request, "projectId"),
        name: body.name,
        quotaPolicyIds: body.quota_policy_ids === undefined ? undefined : { values: body.quota_policy_ids },
        metadataJson: body.metadata === undefined ? undefined : JSON.stringify(body.metadata),
      },
      callOptions(response),
    );
    response.json(projectView(project));
  });
  routes.delete("/projects/:projectId", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const id = param(request, "projectId");
    await admin.deleteProject({ actor: actorOf(request, response), id }, callOptions(response));
    response.json({ object: "project.deleted", id, deleted: true });
  });

  routes.post("/projects/:projectId/keys", requireAdmin(adminAuthenticator, ROLES.keyManagers), async (request, response) => {
    const body = parseInput(keyCreateBody, request.body);
    await guardAttachments(deps, response, [], body.quota_policy_ids ?? []);
    const { key, secret } = await admin.createKey(
      {
        actor: actorOf(request, response),
        projectId: param(request, "projectId"),
        name: body.name,
        allowedModels: body.allowed_models ?? [],
        allowedEndpoints: body.allowed_endpoints ?? [],
        expiresAtMs: timeToMs(body.expires_at),
        ipAllowList: body.ip_allow_list ?? [],
        metadataJson: JSON.stringify(body.metadata ?? {}),
        requireSignature: body.require_signature ?? false,
        quotaPolicyIds: body.quota_policy_ids ?? [],
      },
      callOptions(response),
    );
    response.status(201).json(issuedKeyView(key, secret));
  });
  routes.get("/projects/:projectId/keys", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { keys } = await admin.listKeys({ actor: actorOf(request, response), projectId: param(request, "projectId") }, callOptions(response));
    response.json(pageById(keys.map(keyView), request.query));
  });
  return routes;
}
