import type { Request, RequestHandler, Response } from "express";
import { estimateChatPromptTokens, estimatePromptTokens, type PromptInput } from "@llm-serve/adapters";
import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1, billingV1 } from "@llm-serve/proto";
import { adminOf, assertOrgAccess } from "../auth/require-admin.js";
import { locals } from "../http/request-context.js";
import { estimateSchema, parseBody, quantitiesToProto } from "./billing-admin-body.js";

export interface EstimateDeps {
  billing: ServiceClient<typeof billingV1.BillingServiceService>;
  authAdmin: ServiceClient<typeof authKeyV1.AuthAdminServiceService>;
}

/**
 * `POST /admin/billing/estimate`: the cost of token counts, or of an API request body, with the
 * plan version in force (now, or at `at`) and the modifiers of the organization and project priced
 * for. A body's prompt is counted with the gateway's tokenizer and its output is taken at its
 * `max_completion_tokens`/`max_tokens` (an upper bound; 0 if unset). An org's or project's
 * modifier is its negotiated price: only its own admins (and platform admins) may price with it.
 */
export function estimateRoute(deps: EstimateDeps): RequestHandler {
  return async (request, response) => {
    const body = parseBody(estimateSchema, request.body, "estimate request");
    const subject = await estimateSubject(deps, request, response, { orgId: body.org_id, projectId: body.project_id });
    const quantities = body.usage ? quantitiesToProto(body.usage) : await quantitiesOfRequest(body.request ?? {});
    const estimate = await deps.billing.estimateCost(
      { model: body.model, deploymentId: body.deployment_id, provider: body.provider, quantities, at: body.at ?? "", orgId: subject.orgId, projectId: subject.projectId },
      { requestId: locals(response).requestId },
    );
    response.json({
      object: "billing.estimate",
      model: body.model,
      org_id: subject.orgId || null,
      project_id: subject.projectId || null,
      currency: estimate.currency,
      amount_micros: estimate.amountMicros,
      plan_id: estimate.planId,
      plan_version: estimate.planVersion,
      quantities: { input_tokens: quantities.inputTokens, output_tokens: quantities.outputTokens, embedding_tokens: quantities.embeddingTokens, requests: quantities.requests },
    });
  };
}

/**
 * Whose prices: a tenant admin prices for its own organization (the default) and only for a project
 * of it (auth-key says whose the project is); a platform admin for any, and the organization of a
 * named project must be the named one. Anything else is refused before billing is asked.
 */
async function estimateSubject(deps: EstimateDeps, request: Request, response: Response, stated: { orgId: string; projectId: string }): Promise<{ orgId: string; projectId: string }> {
  const admin = adminOf(response);
  let orgId = stated.orgId === "" && admin.role !== "platform_admin" ? admin.orgId : stated.orgId;
  assertOrgAccess(admin, orgId);
  if (stated.projectId === "") return { orgId, projectId: "" };
  const actor = { userId: admin.userId, role: admin.role, orgId: admin.orgId, clientIp: request.ip ?? "" };
  const { project } = await deps.authAdmin.getProject({ actor, id: stated.projectId }, { requestId: locals(response).requestId });
  const projectOrg = project?.orgId ?? "";
  if (orgId === "") orgId = projectOrg;
  if (projectOrg !== orgId || (admin.role !== "platform_admin" && projectOrg !== admin.orgId)) {
    throw new AppError("not_found", `project ${stated.projectId} does not exist in organization ${orgId}`, { details: { param: "project_id" } });
  }
  return { orgId, projectId: stated.projectId };
}

async function quantitiesOfRequest(body: Record<string, unknown>): Promise<billingV1.Quantities> {
  const outputTokens = Number(body.max_completion_tokens ?? body.max_tokens ?? 0) || 0;
  const empty: billingV1.Quantities = { inputTokens: 0, outputTokens: 0, cachedInputReadTokens: 0, cachedInputWriteTokens: 0, reasoningTokens: 0, embeddingTokens: 0, audioMilliseconds: 0, images: 0, imageSize: "", imageQuality: "", requests: 1 };
  if (Array.isArray(body.messages)) return { ...empty, inputTokens: await estimateChatPromptTokens(body as unknown as Parameters<typeof estimateChatPromptTokens>[0]), outputTokens };
  if (body.prompt !== undefined) return { ...empty, inputTokens: await estimatePromptTokens(body.prompt as PromptInput), outputTokens };
  if (body.input !== undefined) return { ...empty, embeddingTokens: await estimatePromptTokens(body.input as PromptInput) };
  return empty;
}
