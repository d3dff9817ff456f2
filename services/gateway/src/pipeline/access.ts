import { AppError } from "@llm-serve/common";
import type { Principal } from "../ports/authenticator.js";

function matches(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const expression = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return expression.test(value);
}

/** A key's scopes: empty lists allow everything; otherwise the model and endpoint must match. */
export function canUse(principal: Principal, model: string, endpoint: string): boolean {
  const modelAllowed = principal.allowedModels.length === 0 || principal.allowedModels.some((pattern) => matches(pattern, model));
  const endpointAllowed = principal.allowedEndpoints.length === 0 || principal.allowedEndpoints.some((pattern) => matches(pattern, endpoint));
  return modelAllowed && endpointAllowed;
}

export function assertCanUse(principal: Principal, model: string, endpoint: string): void {
  if (canUse(principal, model, endpoint)) return;
  // Same answer as an unknown model: a key must not learn which models exist beyond its scope.
  throw new AppError("not_found", `The model \`${model}\` does not exist or you do not have access to it.`, {
    details: { param: "model", openaiCode: "model_not_found" },
  });
}
