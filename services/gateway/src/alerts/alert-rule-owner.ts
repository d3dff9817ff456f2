import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { Request, Response } from "express";
import { adminOf, assertOrgAccess } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import type { AlertRuleBody } from "./alert-rule-body.js";

/**
 * The organization a rule belongs to, checked before analytics stores it (ADR 0028): an org admin
 * names no other org, and a budget's project or key must be one of the rule's org — auth-key says
 * whose it is (and refuses a subject outside the caller's org), so a tenant cannot watch another
 * tenant's spend by naming its project.
 */
export async function ownedRuleBody(authAdmin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>, request: Request, response: Response, body: AlertRuleBody): Promise<AlertRuleBody> {
  const admin = adminOf(response);
  if (admin.role !== "platform_admin" && body.org_id !== "" && body.org_id !== admin.orgId) {
    throw new AppError("permission_denied", "org_id: you may only manage your own organization's alert rules.", { details: { param: "org_id" } });
  }
  if (body.project_id === "" && body.key_id === "") return body;
  const actor = { userId: admin.userId, role: admin.role, orgId: admin.orgId, clientIp: request.ip ?? "" };
  const options = { requestId: locals(response).requestId };
  const subjectOrg = body.key_id !== ""
    ? ((await authAdmin.getKey({ actor, id: body.key_id }, options)).key?.orgId ?? "")
    : ((await authAdmin.getProject({ actor, id: body.project_id }, options)).project?.orgId ?? "");
  assertOrgAccess(admin, subjectOrg);
  const stated = admin.role === "platform_admin" ? body.org_id : admin.orgId;
  if (stated !== "" && stated !== subjectOrg) {
    const param = body.key_id !== "" ? "key_id" : "project_id";
    throw new AppError("invalid_request", `${param}: not of organization ${stated}`, { details: { param } });
  }
  return { ...body, org_id: subjectOrg };
}
