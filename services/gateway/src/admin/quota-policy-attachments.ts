import { AppError, isAppError } from "@llm-serve/common";
import type { CallOptions, ServiceClient } from "@llm-serve/grpc";
import type { quotaV1 } from "@llm-serve/proto";
import type { AdminIdentity } from "../ports/authenticator.js";

export type QuotaClient = ServiceClient<typeof quotaV1.QuotaServiceService>;

/**
 * Attaching a quota policy to a key or project, or detaching it, needs the power to create that
 * policy: auth-key lets only admins change `quota_policy_ids` at all, and this adds what only the
 * quota service knows: a platform-owned policy (or a default) is the platform's to attach or
 * detach, and an org admin touches only their own organization's policies. Ids that name no policy
 * limit nothing and pass (auth-key validates their form).
 */
export async function assertMayChangeAttachments(
  quota: QuotaClient,
  admin: AdminIdentity,
  change: { before: readonly string[]; after: readonly string[] },
  options: CallOptions,
): Promise<void> {
  if (admin.role === "platform_admin") return;
  const before = new Set(change.before);
  const after = new Set(change.after);
  const changed = [...change.before.filter((id) => !after.has(id)), ...change.after.filter((id) => !before.has(id))];
  for (const id of new Set(changed)) {
    const policy = await quota.getPolicy({ id }, options).then(
      (answer) => answer.policy,
      (error: unknown) => {
        if (isAppError(error) && error.code === "not_found") return undefined;
        throw error;
      },
    );
    if (!policy) continue;
    if (policy.isDefault || policy.owner !== "org" || policy.orgId !== admin.orgId) {
      throw new AppError("permission_denied", `quota policy ${id} belongs to the platform or another organization; only a platform admin may attach or detach it`, {
        details: { param: "quota_policy_ids" },
      });
    }
  }
}
