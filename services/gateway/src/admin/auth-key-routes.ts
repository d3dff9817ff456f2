import { Router } from "express";
import type { authKeyV1 } from "@llm-serve/proto";
import { requireAdmin } from "../auth/require-admin.js";
import { keyRevokeBody, keyRotateBody, keyUpdateBody, parseInput, timeToMs } from "./auth-admin-bodies.js";
import { ROLES, actorOf, callOptions, guardAttachments, param, type AuthAdminDeps } from "./auth-admin-context.js";
import { issuedKeyView, keyView } from "./auth-admin-views.js";

const list = (values: string[] | undefined): authKeyV1.StringList | undefined => (values === undefined ? undefined : { values });

/** /admin/keys/:keyId: read, update, rotate, revoke, delete. */
export function authKeyRoutes(deps: AuthAdminDeps): Router {
  const routes = Router();
  const { admin, adminAuthenticator } = deps;

  routes.get("/keys/:keyId", requireAdmin(adminAuthenticator, ROLES.everyone), async (request, response) => {
    const { key } = await admin.getKey({ actor: actorOf(request, response), id: param(request, "keyId") }, callOptions(response));
    response.json(keyView(key));
  });
  routes.patch("/keys/:keyId", requireAdmin(adminAuthenticator, ROLES.keyManagers), async (request, response) => {
    const body = parseInput(keyUpdateBody, request.body);
    const id = param(request, "keyId");
    if (body.quota_policy_ids !== undefined) {
      const { key: current } = await admin.getKey({ actor: actorOf(request, response), id }, callOptions(response));
      await guardAttachments(deps, response, current?.quotaPolicyIds ?? [], body.quota_policy_ids);
    }
    const { key } = await admin.updateKey(
      {
        actor: actorOf(request, response),
        id,
        name: body.name,
        allowedModels: list(body.allowed_models),
        allowedEndpoints: list(body.allowed_endpoints),
        expiresAtMs: body.expires_at === undefined ? undefined : timeToMs(body.expires_at),
        ipAllowList: list(body.ip_allow_list),
        metadataJson: body.metadata === undefined ? undefined : JSON.stringify(body.metadata),
        requireSignature: body.require_signature,
        quotaPolicyIds: list(body.quota_policy_ids),
        status: body.status,
      },
      callOptions(response),
    );
    deps.onKeyChanged(id);
    response.json(keyView(key));
  });
  routes.post("/keys/:keyId/rotate", requireAdmin(adminAuthenticator, ROLES.keyManagers), async (request, response) => {
    const body = parseInput(keyRotateBody, request.body);
    const id = param(request, "keyId");
    const { key, secret } = await admin.rotateKey({ actor: actorOf(request, response), id, gracePeriodSeconds: body.grace_period_seconds }, callOptions(response));
    deps.onKeyChanged(id);
    response.json(issuedKeyView(key, secret));
  });
  routes.post("/keys/:keyId/revoke", requireAdmin(adminAuthenticator, ROLES.keyManagers), async (request, response) => {
    const body = parseInput(keyRevokeBody, request.body);
    const id = param(request, "keyId");
    const { key } = await admin.revokeKey({ actor: actorOf(request, response), id, reason: body.reason ?? "" }, callOptions(response));
    deps.onKeyChanged(id);
    response.json(keyView(key));
  });
  routes.delete("/keys/:keyId", requireAdmin(adminAuthenticator, ROLES.keyManagers), async (request, response) => {
    const id = param(request, "keyId");
    await admin.deleteKey({ actor: actorOf(request, response), id }, callOptions(response));
    deps.onKeyChanged(id);
    response.json({ object: "api_key.deleted", id, deleted: true });
  });
  return routes;
}
