import { invalidUsageField, type Usage } from "@llm-serve/adapters";
import type { Deployment } from "../ports/deployment-router.js";
import type { GatewayCall } from "./gateway-call.js";

/** Deployments whose unusable usage figures were logged already: once per process and field is enough. */
const reported = new Set<string>();

/**
 * The vendor's usage as handed back by the adapter, or — when a figure is not a non-negative
 * integer (a fraction, a negative count, NaN) — the gateway's own estimate, marked estimated. Such
 * figures would otherwise reach the quota settlement and the usage record.
 */
export async function checkedVendorUsage(call: GatewayCall, deployment: Deployment, usage: Usage | undefined, estimate: () => Promise<Usage>): Promise<Usage> {
  const field = invalidUsageField(usage);
  if (field === undefined) return usage!;
  if (usage !== undefined) {
    const key = `${deployment.id}:${field}`;
    if (!reported.has(key)) {
      reported.add(key);
      call.logger.warn({ deploymentId: deployment.id, provider: deployment.provider, field }, "vendor usage figure unusable; estimating instead (logged once per deployment and field)");
    }
  }
  return { ...(await estimate()), estimated: true };
}
