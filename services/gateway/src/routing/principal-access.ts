import type { Principal } from "../ports/authenticator.js";

function matches(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const expression = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return expression.test(value);
}

/** Whether a key's scopes allow a model (by any of its names) for at least one of the endpoints given. */
export function mayUseModel(principal: Principal, names: readonly string[], endpoints: readonly string[]): boolean {
  const modelAllowed = principal.allowedModels.length === 0 || names.some((name) => principal.allowedModels.some((pattern) => matches(pattern, name)));
  const endpointAllowed = principal.allowedEndpoints.length === 0 || endpoints.some((endpoint) => principal.allowedEndpoints.some((pattern) => matches(pattern, endpoint)));
  return modelAllowed && endpointAllowed;
}
