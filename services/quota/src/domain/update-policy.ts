import { AppError } from "@llm-serve/common";
import type { QuotaPolicy } from "@llm-serve/quota-engine";
import { announceSafely } from "./create-policy.js";
import type { QuotaDeps } from "./quota-deps.js";
import { validatePolicy } from "./validate-policy.js";

/**
 * Replaces every limit of a policy. Its subject (scope, scope id, model), organisation and owner
 * never change: moving a limit elsewhere is deleting one policy and creating another, each with
 * its own permission check.
 */
export async function updatePolicy(deps: Pick<QuotaDeps, "policies" | "announce" | "logger">, input: { id: string; policy: unknown; expectedVersion?: number }): Promise<QuotaPolicy> {
  const current = await deps.policies.find(input.id);
  if (!current) throw new AppError("not_found", `quota policy ${input.id} does not exist`, { details: { param: "id" } });
  const spec = validatePolicy(input.policy);
  if (spec.scope !== current.scope || spec.scopeId !== current.scopeId || spec.model !== current.model) {
    throw new AppError("invalid_request", "scope, scope_id and model of a policy cannot change; create another policy", { details: { param: "scope" } });
  }
  if (spec.orgId !== current.orgId) throw new AppError("invalid_request", "org_id of a policy cannot change; create another policy", { details: { param: "org_id" } });
  const updated = await deps.policies.update(input.id, spec, input.expectedVersion);
  if (!updated) throw new AppError("conflict", `quota policy ${input.id} has changed since version ${input.expectedVersion}`, { details: { param: "version" } });
  await announceSafely(deps);
  return updated;
}
