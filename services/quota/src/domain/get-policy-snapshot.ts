import { createHash } from "node:crypto";
import type { PolicySnapshot } from "@llm-serve/quota-engine";
import type { QuotaDeps } from "./quota-deps.js";

/** Every policy and the settings, with a version that changes whenever either does. */
export async function getPolicySnapshot(deps: Pick<QuotaDeps, "policies" | "settings">): Promise<PolicySnapshot> {
  const policies = await deps.policies.all();
  const settings = deps.settings();
  const version = createHash("sha256").update(JSON.stringify({ policies, settings })).digest("hex").slice(0, 16);
  return { version, policies, settings };
}
