import { AppError } from "@llm-serve/common";
import type { PolicyStore } from "../store/policy-store.js";

export interface QuotaPolicy {
  id: string;
  scope: string;
  scopeId: string;
  requestsPerMinute: number;
  tokensPerMinute: number;
}

export async function getPolicy(deps: { policies: PolicyStore }, input: { id: string }): Promise<QuotaPolicy> {
  const policy = await deps.policies.find(input.id);
  if (!policy) throw new AppError("not_found", `quota policy ${input.id} does not exist`);
  return policy;
}
