import { createAdapter, isProviderType, type HttpTransport } from "@llm-serve/adapters";
import type { DeploymentDraft, DeploymentHealth } from "../domain/model-config.js";
import { toProviderConfig } from "../domain/provider-config.js";

const MAX_REASON_LENGTH = 500;

/**
 * Initialises a deployment's adapter and checks it against the vendor (`validate`: credentials and
 * reachability). The vendor's own message becomes the reason of an `error` status.
 */
export class DeploymentProber {
  constructor(
    private readonly transport: HttpTransport | undefined,
    private readonly timeoutMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async probe(deployment: DeploymentDraft): Promise<DeploymentHealth> {
    const checkedAt = this.now();
    if (!deployment.enabled) return { status: "disabled", statusReason: "", checkedAt, checkLatencyMs: 0 };
    const type = deployment.provider.providerType;
    if (!isProviderType(type)) return { status: "error", statusReason: `unknown provider type ${type}`, checkedAt, checkLatencyMs: 0 };
    const adapter = createAdapter(type, this.transport ? { transport: this.transport } : {});
    const timeouts = { connectMs: Math.min(this.timeoutMs, 5_000), firstByteMs: this.timeoutMs, idleMs: this.timeoutMs, totalMs: this.timeoutMs };
    const result = await adapter.validate(toProviderConfig(deployment.provider, deployment.credentials), {
      model: deployment.upstreamModel,
      timeouts,
      signal: AbortSignal.timeout(this.timeoutMs + 1_000),
    });
    if (result.status === "available") return { status: "available", statusReason: "", checkedAt, checkLatencyMs: result.latencyMs };
    const reason = `${result.error.status} ${result.error.type}: ${result.error.message}`.slice(0, MAX_REASON_LENGTH);
    return { status: "error", statusReason: reason, checkedAt, checkLatencyMs: result.latencyMs };
  }

  probeAll(deployments: readonly DeploymentDraft[]): Promise<DeploymentHealth[]> {
    return Promise.all(deployments.map((deployment) => this.probe(deployment)));
  }
}
