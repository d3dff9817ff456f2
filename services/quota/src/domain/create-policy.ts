import { AppError } from "@llm-serve/common";
import type { QuotaPolicy } from "@llm-serve/quota-engine";
import { isUniqueViolation } from "../store/policy-store.js";
import type { QuotaDeps } from "./quota-deps.js";
import { validatePolicy } from "./validate-policy.js";

export async function createPolicy(deps: Pick<QuotaDeps, "policies" | "announce" | "newPolicyId" | "logger">, input: { policy: unknown }): Promise<QuotaPolicy> {
  const spec = validatePolicy(input.policy);
  try {
    const created = await deps.policies.insert(deps.newPolicyId(), spec);
    await announceSafely(deps);
    return created;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const model = spec.model === "" ? "every model" : `model ${spec.model}`;
    throw new AppError("conflict", `${spec.scope} ${spec.scopeId} already has a quota policy for ${model}`, { details: { param: "scope_id" } });
  }
}

/** A lost announcement only delays the gateways until their next timed refresh. */
export async function announceSafely(deps: Pick<QuotaDeps, "announce" | "logger">): Promise<void> {
  await deps.announce().catch((error: unknown) => deps.logger.warn({ err: error }, "could not announce a policy change; gateways refresh on their timer"));
}
