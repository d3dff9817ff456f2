import { AppError } from "@llm-serve/common";
import type { QuotaPolicy } from "@llm-serve/quota-engine";
import type { QuotaDeps } from "./quota-deps.js";

/** A stored policy, or a default one (`default.<scope>[.<model>]`) from the settings. */
export async function getPolicy(deps: Pick<QuotaDeps, "policies" | "settings">, input: { id: string }): Promise<QuotaPolicy> {
  const policy = (await deps.policies.find(input.id)) ?? deps.settings().defaultPolicies.find((candidate) => candidate.id === input.id);
  if (!policy) throw new AppError("not_found", `quota policy ${input.id} does not exist`, { details: { param: "id" } });
  return policy;
}
