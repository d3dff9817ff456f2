import { ROUTING_STRATEGIES } from "@llm-serve/routing";
import { ENDPOINTS, FALLBACK_KINDS, type Credentials, type ModelCapability, type ModelInput, type RuntimeConfig } from "./model-config.js";
import { Problems } from "./problems.js";
import { validateProvider } from "./validate-provider.js";

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@-]{0,127}$/;
const DEPLOYMENT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * Every invariant of the ModelConfig aggregate, checked at once: provider info complete and valid,
 * runtime parameters in range, a billing rule (price plan) named. Throws one `invalid_request`
 * listing all problems. `storedCredentials` maps deployment id to credentials kept from before;
 * `movedDeployments` are the ids whose stored credentials were withheld (endpoint changed).
 */
export function validateModelInput(input: ModelInput, storedCredentials: ReadonlyMap<string, Credentials | null> = new Map(), movedDeployments: ReadonlySet<string> = new Set()): void {
  const problems = new Problems();
  problems.check(NAME.test(input.id), "id", "must be 1-128 letters, digits or . _ : / @ - and start with a letter or digit");
  for (const [index, alias] of input.aliases.entries()) problems.check(NAME.test(alias) && alias !== input.id, `aliases[${index}]`, "must be a valid name other than the id");
  problems.check(new Set(input.aliases).size === input.aliases.length, "aliases", "must not repeat");
  problems.check(input.pricePlanId.trim() !== "", "price_plan_id", "is required: every model names the billing price plan it is charged by");
  validateCapability(problems, input.capability);
  validateRuntime(problems, input.runtime, input.capability);
  validateRouting(problems, input);
  problems.check(input.deployments.length > 0, "deployments", "at least one deployment is required");
  problems.check(input.deployments.length <= 32, "deployments", "at most 32 deployments");
  const ids = input.deployments.map((deployment) => deployment.id);
  problems.check(new Set(ids).size === ids.length, "deployments", "deployment ids must be unique within the model");
  for (const [index, deployment] of input.deployments.entries()) {
    const param = `deployments[${index}]`;
    problems.check(DEPLOYMENT_ID.test(deployment.id), `${param}.id`, "must be lower-case letters, digits, _ or -");
    validateProvider(problems, deployment, storedCredentials.get(deployment.id) ?? null, param, movedDeployments.has(deployment.id));
    problems.range(deployment.weight, 1, 1_000, `${param}.weight`);
    problems.range(deployment.priority, 0, 100, `${param}.priority`);
    problems.range(deployment.rpm, 0, 100_000_000, `${param}.rpm`);
    problems.range(deployment.tpm, 0, 10_000_000_000, `${param}.tpm`);
  }
  problems.throwIfAny(`model configuration ${input.id}`);
}

function validateCapability(problems: Problems, capability: ModelCapability): void {
  problems.check(capability.endpoints.length > 0, "capability.endpoints", "at least one endpoint is required");
  for (const endpoint of capability.endpoints) {
    problems.check((ENDPOINTS as readonly string[]).includes(endpoint), "capability.endpoints", `unknown endpoint "${endpoint}" (known: ${ENDPOINTS.join(", ")})`);
  }
  problems.range(capability.contextWindow, 1, 10_000_000, "capability.context_window");
  problems.range(capability.maxOutputTokens, 1, capability.contextWindow || 10_000_000, "capability.max_output_tokens");
}

function validateRuntime(problems: Problems, runtime: RuntimeConfig, capability: ModelCapability): void {
  const { timeouts, bounds } = runtime;
  problems.range(timeouts.connectMs, 100, 60_000, "runtime.timeouts.connect_ms");
  problems.range(timeouts.firstByteMs, 100, 600_000, "runtime.timeouts.first_byte_ms");
  problems.range(timeouts.idleMs, 100, 600_000, "runtime.timeouts.idle_ms");
  problems.range(timeouts.totalMs, 1_000, 3_600_000, "runtime.timeouts.total_ms");
  problems.check(timeouts.firstByteMs <= timeouts.totalMs, "runtime.timeouts.first_byte_ms", "must not exceed total_ms");
  problems.range(runtime.maxRetries, 0, 5, "runtime.max_retries");
  validateRange(problems, bounds.temperature, 0, 2, "runtime.bounds.temperature");
  validateRange(problems, bounds.topP, 0, 1, "runtime.bounds.top_p");
  // 0 = up to the capability's max_output_tokens.
  problems.range(bounds.maxTokens, 0, capability.maxOutputTokens || 10_000_000, "runtime.bounds.max_tokens");
  validateParameters(problems, runtime.defaultParameters, runtime, capability, "runtime.default_parameters");
  validateParameters(problems, runtime.overrideParameters, runtime, capability, "runtime.override_parameters");
}

function validateRange(problems: Problems, range: { min: number; max: number }, floor: number, ceiling: number, param: string): void {
  problems.range(range.min, floor, ceiling, `${param}.min`);
  problems.range(range.max, floor, ceiling, `${param}.max`);
  problems.check(range.min <= range.max, param, "min must not exceed max");
}

/** Default and override parameters must themselves respect the bounds. */
function validateParameters(problems: Problems, parameters: Record<string, unknown>, runtime: RuntimeConfig, capability: ModelCapability, param: string): void {
  const checks: Array<[string, number, number]> = [
    ["temperature", runtime.bounds.temperature.min, runtime.bounds.temperature.max],
    ["top_p", runtime.bounds.topP.min, runtime.bounds.topP.max],
    ["max_tokens", 1, runtime.bounds.maxTokens || capability.maxOutputTokens],
  ];
  for (const [name, min, max] of checks) {
    const value = parameters[name];
    if (value === undefined) continue;
    if (typeof value !== "number") problems.add(`${param}.${name}`, "must be a number");
    else problems.range(value, min, max, `${param}.${name}`);
  }
}

function validateRouting(problems: Problems, input: ModelInput): void {
  const strategy = input.routing.strategy;
  problems.check((ROUTING_STRATEGIES as readonly string[]).includes(strategy), "routing.strategy", `must be one of ${ROUTING_STRATEGIES.join(", ")}`);
  for (const [index, rule] of input.routing.fallbacks.entries()) {
    const param = `routing.fallbacks[${index}]`;
    problems.check(NAME.test(rule.model) && rule.model !== input.id && !input.aliases.includes(rule.model), `${param}.model`, "must name another model");
    problems.check(rule.on.length > 0, `${param}.on`, "name at least one failure kind");
    for (const kind of rule.on) problems.check((FALLBACK_KINDS as readonly string[]).includes(kind), `${param}.on`, `unknown failure kind "${kind}" (known: ${FALLBACK_KINDS.join(", ")})`);
  }
}
