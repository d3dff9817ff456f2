import { AppError } from "@llm-serve/common";
import { classifyFailure, type FailureSignal, type ModelRoute, type RoutePlan, type RoutingEngine } from "@llm-serve/routing";
import type { Principal } from "../ports/authenticator.js";
import type { AttemptOutcome, Deployment, DeploymentRouter, PublicModel, PublicProvider } from "../ports/deployment-router.js";
import type { ModelHealth } from "../ports/deployment-health.js";
import { modelHealth } from "./deployment-health.js";
import type { ModelTable } from "./model-table.js";
import { mayUseModel } from "./principal-access.js";
import type { TableDeployment, TableModel } from "./table-types.js";

/** Where a planned Deployment came from, so that its report reaches the right plan. */
interface Planned {
  plan: RoutePlan<TableDeployment>;
  index: number;
  /** The plan tried after this one's last candidate (a fallback model), if any. */
  next: Planned | undefined;
  principal: Principal;
  endpoint: string;
  route: ModelRoute<TableDeployment>;
}

function notFound(model: string): AppError {
  return new AppError("not_found", `The model \`${model}\` does not exist or you do not have access to it.`, { details: { param: "model", openaiCode: "model_not_found" } });
}

function routeOf(model: TableModel): ModelRoute<TableDeployment> {
  return { model: model.id, strategy: model.strategy, maxRetries: model.maxRetries, candidates: model.deployments, fallbacks: model.fallbacks };
}

/** The DeploymentRouter port over the in-memory table and the routing engine. */
export class TableDeploymentRouter implements DeploymentRouter {
  readonly #planned = new WeakMap<Deployment, Planned>();

  constructor(
    private readonly table: ModelTable,
    private readonly engine: RoutingEngine<TableDeployment>,
  ) {}

  plan(model: string, endpoint: string, principal: Principal): Deployment[] {
    const entry = this.#usable(model, endpoint, principal, model);
    const deployments = this.#planModel(entry, endpoint, principal, true);
    if (this.engine.retryBudget.canRetry()) {
      for (const fallback of this.engine.fallbackModels(routeOf(entry), "unavailable")) deployments.push(...this.#planFallback(fallback, endpoint, principal));
    }
    this.#chain(deployments);
    if (deployments.length === 0) {
      throw new AppError("unavailable", `Every deployment of ${entry.id} is cooling down after failures; try again shortly.`, { details: { retryAfterSeconds: 5 } });
    }
    return deployments;
  }

  report(deployment: Deployment, outcome: AttemptOutcome): boolean {
    const planned = this.#planned.get(deployment);
    if (!planned) return true;
    const mayRetry = this.engine.report(planned.plan, planned.index, outcome);
    const lastOfPlan = planned.index === planned.plan.candidates.length - 1;
    if (!outcome.ok && outcome.retryable === true && lastOfPlan && planned.next) this.engine.begin(planned.next.plan, 0);
    return mayRetry;
  }

  fallbacks(failed: Deployment, error: unknown): Deployment[] {
    const planned = this.#planned.get(failed);
    if (!planned) return [];
    const kind = classifyFailure(error as FailureSignal);
    const deployments = this.engine.fallbackModels(planned.route, kind).flatMap((model) => this.#planFallback(model, planned.endpoint, planned.principal));
    this.#chain(deployments);
    const first = deployments[0] && this.#planned.get(deployments[0]);
    if (first) this.engine.begin(first.plan, 0);
    return deployments;
  }

  outputLimit(model: string): number {
    return this.table.resolve(model)?.maxOutputTokens ?? 0;
  }

  maxTokensBound(model: string): number {
    return this.table.resolve(model)?.deployments[0]?.parameters?.bounds.maxTokens ?? 0;
  }

  listModels(principal: Principal): PublicModel[] {
    return this.#visible(principal).map((model) => ({ id: model.id, ownedBy: model.ownedBy, createdAtSeconds: model.createdAtSeconds }));
  }

  health(principal: Principal): ModelHealth[] {
    return this.#visible(principal).map((model) => modelHealth(this.engine, model));
  }

  circuitStates(): Array<[string, "closed" | "open" | "half_open"]> {
    return this.engine.circuits.states();
  }

  listProviders(principal: Principal): PublicProvider[] {
    const byProvider = new Map<string, Set<string>>();
    for (const model of this.#visible(principal)) {
      for (const deployment of model.deployments) byProvider.set(deployment.provider, (byProvider.get(deployment.provider) ?? new Set()).add(model.id));
    }
    return [...byProvider].sort(([left], [right]) => left.localeCompare(right)).map(([id, models]) => ({ id, models: [...models].sort() }));
  }

  #visible(principal: Principal): TableModel[] {
    return this.table.all().filter((model) => model.status !== "disabled" && mayUseModel(principal, [model.id, ...model.aliases], model.endpoints));
  }

  #usable(name: string, endpoint: string, principal: Principal, asked: string): TableModel {
    const entry = this.table.resolve(name);
    if (!entry || entry.status === "disabled" || !mayUseModel(principal, [asked, entry.id], [endpoint])) throw notFound(asked);
    if (entry.endpoints.length > 0 && !entry.endpoints.includes(endpoint)) {
      throw new AppError("invalid_request", `The model \`${asked}\` does not support ${endpoint}.`, { details: { param: "model", openaiCode: "model_not_supported" } });
    }
    return entry;
  }

  #planModel(entry: TableModel, endpoint: string, principal: Principal, first: boolean): Deployment[] {
    const route = routeOf(entry);
    const plan = this.engine.plan(route, first ? {} : { countRequest: false, startFirst: false });
    return plan.candidates.map((candidate, index) => {
      const deployment: Deployment = { id: candidate.id, model: entry.id, provider: candidate.provider, upstreamModel: candidate.upstreamModel, config: candidate.config, timeouts: candidate.timeouts, parameters: candidate.parameters };
      this.#planned.set(deployment, { plan, index, next: undefined, principal, endpoint, route });
      return deployment;
    });
  }

  #planFallback(model: string, endpoint: string, principal: Principal): Deployment[] {
    try {
      return this.#planModel(this.#usable(model, endpoint, principal, model), endpoint, principal, false);
    } catch {
      return [];
    }
  }

  /** Links each plan's last candidate to the next plan's first, so a failure there starts it. */
  #chain(deployments: readonly Deployment[]): void {
    for (let index = 0; index + 1 < deployments.length; index += 1) {
      const current = this.#planned.get(deployments[index]!);
      const next = this.#planned.get(deployments[index + 1]!);
      if (current && next && current.plan !== next.plan) current.next = next;
    }
  }
}
