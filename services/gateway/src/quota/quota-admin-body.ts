import { AppError } from "@llm-serve/common";
import type { quotaV1 } from "@llm-serve/proto";
import { policySpecSchema, type PolicySpecInput } from "@llm-serve/quota-engine";

/**
 * Reads a written policy from an admin request, naming every problem at once. The quota service
 * validates again (its domain is the authority); this only turns JSON into the gRPC message.
 */
export function parsePolicyBody(body: unknown): PolicySpecInput {
  const parsed = policySpecSchema.safeParse(body ?? {});
  if (parsed.success) return body as PolicySpecInput;
  const problems = parsed.error.issues.map((issue) => ({ param: issue.path.join(".") || "body", message: issue.message }));
  throw new AppError("invalid_request", `Invalid quota policy: ${problems.map((problem) => `${problem.param}: ${problem.message}`).join("; ")}`, {
    details: { param: problems[0]?.param, problems },
  });
}

export function policyBodyToProto(body: PolicySpecInput, id = ""): quotaV1.QuotaPolicy {
  return {
    id,
    scope: body.scope,
    scopeId: body.scope_id ?? "",
    orgId: body.org_id ?? "",
    model: body.model ?? "",
    requestsPerMinute: body.requests_per_minute,
    tokensPerMinute: body.tokens_per_minute,
    tokenBudget: body.token_budget ? { limit: body.token_budget.limit, period: body.token_budget.period } : undefined,
    costBudget: body.cost_budget ? { limit: body.cost_budget.limit_micros, period: body.cost_budget.period } : undefined,
    maxConcurrentRequests: body.max_concurrent_requests,
    failMode: body.fail_mode ?? "closed",
    warningThresholdsBps: body.warning_thresholds_bps ?? [],
    timezone: body.timezone ?? "",
    version: 0,
    isDefault: false,
    admissionWaitMs: body.admission_wait_ms,
    // Set by the router from the creator's role; never taken from the body.
    owner: "",
  };
}

/** The written form of a stored policy, to merge a PATCH into. */
export function policyProtoToBody(policy: quotaV1.QuotaPolicy): Record<string, unknown> {
  const body: Record<string, unknown> = { scope: policy.scope, scope_id: policy.scopeId, org_id: policy.orgId, model: policy.model };
  if (policy.requestsPerMinute !== undefined) body.requests_per_minute = policy.requestsPerMinute;
  if (policy.tokensPerMinute !== undefined) body.tokens_per_minute = policy.tokensPerMinute;
  if (policy.tokenBudget) body.token_budget = { limit: policy.tokenBudget.limit, period: policy.tokenBudget.period };
  if (policy.costBudget) body.cost_budget = { limit_micros: policy.costBudget.limit, period: policy.costBudget.period };
  if (policy.maxConcurrentRequests !== undefined) body.max_concurrent_requests = policy.maxConcurrentRequests;
  if (policy.admissionWaitMs !== undefined) body.admission_wait_ms = policy.admissionWaitMs;
  return { ...body, fail_mode: policy.failMode, warning_thresholds_bps: policy.warningThresholdsBps, timezone: policy.timezone };
}

/** A PATCH: keys set to null remove a dimension, other keys replace, absent keys stay. */
export function mergePatch(current: Record<string, unknown>, patch: unknown): Record<string, unknown> {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw new AppError("invalid_request", "The body must be a JSON object.");
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
