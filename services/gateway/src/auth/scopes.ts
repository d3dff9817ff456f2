import { AppError } from "@llm-serve/common";
import type { Principal } from "../ports/authenticator.js";

/** Multi-segment endpoints; anything else is named by its first path segment. */
const NESTED_ENDPOINTS = ["chat/completions", "audio/transcriptions", "audio/translations", "audio/speech", "images/generations", "images/edits", "images/variations", "fine_tuning/jobs"];

/** `/v1/chat/completions` → `chat.completions`, `/v1/models/gpt-4o` → `models`. */
export function endpointOf(path: string): string {
  const rest = path.replace(/^\/v1\/?/, "").replace(/\/+$/, "");
  const nested = NESTED_ENDPOINTS.find((endpoint) => rest === endpoint || rest.startsWith(`${endpoint}/`));
  return (nested ?? rest.split("/")[0] ?? "").replaceAll("/", ".");
}

const patternCache = new Map<string, RegExp>();

/** Glob match: `*` stands for any run of characters, everything else is literal. */
export function matchesPattern(pattern: string, value: string): boolean {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*")}$`);
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(pattern, compiled);
  }
  return compiled.test(value);
}

function allowed(patterns: readonly string[], value: string): boolean {
  return patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, value));
}

/** Whether the key's model scope covers `model` (also for filtering GET /v1/models). */
export function isModelAllowed(principal: Principal, model: string): boolean {
  return allowed(principal.allowedModels, model);
}

export function isEndpointAllowed(principal: Principal, endpoint: string): boolean {
  return allowed(principal.allowedEndpoints, endpoint);
}

/**
 * Refuses a request outside the key's scopes: 403 for an endpoint, and for a model the same 404 as
 * an unknown model (as the request pipeline answers), so a key learns nothing about models beyond
 * its scope.
 */
export function assertInScope(principal: Principal, request: { path: string; model: unknown }): void {
  const endpoint = endpointOf(request.path);
  if (!isEndpointAllowed(principal, endpoint)) {
    throw new AppError("permission_denied", `This API key may not call the ${endpoint} endpoint.`, { details: { openaiCode: "endpoint_not_allowed" } });
  }
  if (typeof request.model === "string" && !isModelAllowed(principal, request.model)) {
    throw new AppError("not_found", `The model \`${request.model}\` does not exist or you do not have access to it.`, { details: { param: "model", openaiCode: "model_not_found" } });
  }
}
