import { AppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { modelRegistryV1 } from "@llm-serve/proto";
import type { ModelPlans } from "../domain/billing-deps.js";

/**
 * The model→plan attachment is the registry's `price_plan_id`, read by `GetModel` (id or alias,
 * enabled or not) and kept for `cacheMs`: a batch of usage asks once per model, not per event.
 * A model the registry does not know has no plan (its usage is held, not dropped).
 */
export class RegistryModelPlans implements ModelPlans {
  readonly #cache = new Map<string, { planId: string | undefined; until: number }>();

  constructor(
    private readonly registry: ServiceClient<typeof modelRegistryV1.ModelRegistryServiceService>,
    private readonly options: { cacheMs: number; clock: () => number },
  ) {}

  async planIdOf(model: string): Promise<string | undefined> {
    const cached = this.#cache.get(model);
    if (cached && cached.until > this.options.clock()) return cached.planId;
    const planId = await this.#lookUp(model);
    this.#cache.set(model, { planId, until: this.options.clock() + this.options.cacheMs });
    return planId;
  }

  async attachments(): Promise<Array<{ model: string; planId: string }>> {
    const { models } = await this.registry.listModels({ includeDisabled: true });
    return models.filter((model) => model.pricePlanId !== "").flatMap((model) => [model.id, ...model.aliases].map((name) => ({ model: name, planId: model.pricePlanId })));
  }

  /** Forget everything: a plan or an attachment just changed. */
  clear(): void {
    this.#cache.clear();
  }

  async #lookUp(model: string): Promise<string | undefined> {
    try {
      const { model: found } = await this.registry.getModel({ id: model });
      return found?.pricePlanId || undefined;
    } catch (error) {
      // Any other failure (registry away) throws: the batch is retried rather than held wrongly.
      if (error instanceof AppError && error.code === "not_found") return undefined;
      throw error;
    }
  }
}
