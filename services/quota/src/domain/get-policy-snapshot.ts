import { createHash } from "node:crypto";
import type { PolicySnapshot } from "@llm-serve/quota-engine";
import type { QuotaDeps } from "./quota-deps.js";

/** Every policy and the settings, with a version that changes whenever either does. */
export async function getPolicySnapshot(deps: Pick<QuotaDeps, "policies" | "settings">): Promise<PolicySnapshot> {
  const policies = await deps.policies.all();
  const settings = deps.settings();
  // The price book stands in by its own version (its maps and integers have no JSON form).
  const hashed = { policies, settings: { ...settings, priceBook: settings.priceBook.version } };
  const version = createHash("sha256").update(JSON.stringify(hashed)).digest("hex").slice(0, 16);
  return { version, policies, settings };
}
