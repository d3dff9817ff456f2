import { Router } from "express";
import { requireAdmin } from "../auth/require-admin.js";
import { parseInput, timeToMs, tokenIssueBody, userCreateBody, userListQuery, userUpdateBody } from "./auth-admin-bodies.js";
import { ROLES, actorOf, callOptions, param, type AuthAdminDeps } from "./auth-admin-context.js";
import { adminTokenView, userView } from "./auth-admin-views.js";
import { pageById } from "../openapi/list-page.js";

/**
 * /admin/users and their admin tokens. Token routes admit every role at the edge because every
 * user manages their own tokens; auth-key allows other users' tokens to admins only.
 */
export function authUserRoutes(deps: AuthAdminDeps): Router {
  const routes = Router();
  const { admin, adminAuthenticator } = deps;

  routes.post("/users", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const body = parseInput(userCreateBody, request.body);
    const { user } = await admin.createUser(
      { actor: actorOf(request, response), name: body.name, email: body.email ?? "", role: body.role, orgId: body.organization_id ?? "" },
      callOptions(response),
    );
    response.status(201).json(userView(user));
  });
  routes.get("/users", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const query = parseInput(userListQuery, request.query);
    const { users } = await admin.listUsers({ actor: actorOf(request, response), orgId: query.organization_id ?? "" }, callOptions(response));
    response.json(pageById(users.map(userView), request.query));
  });
  routes.get("/users/:userId", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { user } = await admin.getUser({ actor: actorOf(request, response), id: param(request, "userId") }, callOptions(response));
    response.json(userView(user));
  });
  routes.patch("/users/:userId", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const body = parseInput(userUpdateBody, request.body);
    const { user } = await admin.updateUser({ actor: actorOf(request, response), id: param(request, "userId"), ...body }, callOptions(response));
    response.json(userView(user));
  });
  routes.delete("/users/:userId", requireAdmin(adminAuthenticator, ROLES.admins), async (request, response) => {
    const id = param(request, "userId");
    await admin.deleteUser({ actor: actorOf(request, response), id }, callOptions(response));
    response.json({ object: "user.deleted", id, deleted: true });
  });

  routes.post("/users/:userId/tokens", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const body = parseInput(tokenIssueBody, request.body);
    const { token, secret } = await admin.issueAdminToken(
      { actor: actorOf(request, response), userId: param(request, "userId"), name: body.name ?? "", expiresAtMs: timeToMs(body.expires_at) },
      callOptions(response),
    );
    response.status(201).json({ ...adminTokenView(token), token: secret });
  });
  routes.get("/users/:userId/tokens", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { tokens } = await admin.listAdminTokens({ actor: actorOf(request, response), userId: param(request, "userId") }, callOptions(response));
    response.json(pageById(tokens.map(adminTokenView), request.query));
  });
  routes.delete("/users/:userId/tokens/:tokenId", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { token } = await admin.revokeAdminToken(
      { actor: actorOf(request, response), userId: param(request, "userId"), tokenId: param(request, "tokenId") },
      callOptions(response),
    );
    response.json(adminTokenView(token));
  });
  return routes;
}
