import { AppError } from "@llm-serve/common";
import type { PolicyOwner, QuotaPolicy } from "@llm-serve/quota-engine";
import { isUniqueViolation } from "../store/policy-store.js";
import type { QuotaDeps } from "./quota-deps.js";
import { validatePolicy } from "./validate-policy.js";

const OWNERS: readonly string[] = ["platform", "org"] satisfies PolicyOwner[];

/** The owner level from the creating admin's role (the gateway decides it; empty = platform). */
export function parseOwner(owner: string | undefined): PolicyOwner {
  if (owner === undefined || owner === "") return "platform";
  if (OWNERS.includes(owner)) return owner as PolicyOwner;
  throw new AppError("invalid_request", `owner must be "platform" or "org", not "${owner}"`, { details: { param: "owner" } });
}

export async function createPolicy(deps: Pick<QuotaDeps, "policies" | "announce" | "newPolicyId" | "logger">, input: { policy: unknown; owner?: string }): Promise<QuotaPolicy> {
  const spec = validatePolicy(input.policy);
  const owner = parseOwner(input.owner);
  try {
    const created = await deps.policies.insert(deps.newPolicyId(), spec, owner);
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
