import type { Logger } from "@llm-serve/common";
import { checkModel } from "../domain/check-model.js";
import type { RegistryDeps } from "../domain/registry-deps.js";

/**
 * Probes every enabled model's deployments periodically and records status changes (which emit
 * `model.status-changed` events). Rounds never overlap; a failing round is logged and retried at
 * the next tick.
 */
export class HealthProber {
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;

  constructor(
    private readonly deps: RegistryDeps,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** The first round runs at once (deployments not checked yet, e.g. after an upgrade, get a status). */
  start(): void {
    if (this.intervalMs <= 0) return;
    const round = () => {
      this.#round ??= this.probeOnce().finally(() => (this.#round = undefined));
    };
    round();
    this.#timer = setInterval(round, this.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await this.#round;
  }

  async probeOnce(): Promise<void> {
    const models = await this.deps.models.list({ includeDisabled: false }).catch((error: unknown) => {
      this.logger.warn({ err: error }, "health probe could not list models");
      return [];
    });
    for (const model of models) {
      await checkModel(this.deps, { id: model.id }).catch((error: unknown) => this.logger.warn({ err: error, modelId: model.id }, "health probe failed"));
    }
  }
}
