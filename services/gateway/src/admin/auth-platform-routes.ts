import { Router } from "express";
import { AppError } from "@llm-serve/common";
import { adminOf, requireAdmin } from "../auth/require-admin.js";
import { auditQuery, parseInput, quickstartBody, timeToMs } from "./auth-admin-bodies.js";
import { ROLES, actorOf, callOptions, type AuthAdminDeps } from "./auth-admin-context.js";
import { auditRecordView, issuedKeyView, organizationView, projectView } from "./auth-admin-views.js";
import { pageOf } from "../openapi/list-page.js";

/** /admin/me, /admin/quickstart (first run) and /admin/audit (the trail, filtered). */
export function authPlatformRoutes(deps: AuthAdminDeps): Router {
  const routes = Router();
  const { admin, adminAuthenticator } = deps;

  routes.get("/me", requireAdmin(adminAuthenticator, ROLES.everyone), (_request, response) => {
    const identity = adminOf(response);
    response.json({ object: "admin_identity", user_id: identity.userId, role: identity.role, organization_id: identity.orgId || null });
  });

  routes.post("/quickstart", requireAdmin(adminAuthenticator, ROLES.platform), async (request, response) => {
    const body = parseInput(quickstartBody, request.body);
    const result = await admin.quickstart(
      { actor: actorOf(request, response), organizationName: body.organization ?? "", projectName: body.project ?? "", keyName: body.key ?? "" },
      callOptions(response),
    );
    const key = issuedKeyView(result.key, result.secret);
    response.status(201).json({ organization: organizationView(result.organization), project: projectView(result.project), api_key: key, key: key.key });
  });

  routes.get("/audit", requireAdmin(adminAuthenticator, ROLES.auditReaders), async (request, response) => {
    const query = parseInput(auditQuery, request.query);
    // `before` counts down from the newest (the older cursor): walking up from the oldest, it means nothing.
    if (query.order === "asc" && query.before !== undefined) throw new AppError("invalid_request", "before: pages newest first; it cannot be combined with order=asc (use after)", { details: { param: "before" } });
    const page = await admin.listAuditRecords(
      {
        actor: actorOf(request, response),
        orgId: query.organization_id ?? "",
        actorId: query.actor_id ?? "",
        action: query.action ?? "",
        resourceType: query.resource_type ?? "",
        resourceId: query.resource_id ?? "",
        sinceMs: timeToMs(query.since),
        untilMs: timeToMs(query.until),
        beforeSequence: query.before ?? 0,
        afterId: query.after ?? "",
        order: query.order,
        limit: query.limit ?? 0,
      },
      callOptions(response),
    );
    const records = page.records.map(auditRecordView);
    // An auth-key older than `has_more` says more only by the older cursor (newest first, as it lists).
    const hasMore = page.hasMore ?? page.nextBeforeSequence > 0;
    response.json({ ...pageOf(records, (record) => record.id, hasMore), next_before: page.nextBeforeSequence || null });
  });
  return routes;
}
