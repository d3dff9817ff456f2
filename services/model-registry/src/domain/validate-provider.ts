import { isProviderType, PROVIDER_TYPES } from "@llm-serve/adapters";
import type { Credentials, DeploymentInput } from "./model-config.js";
import type { Problems } from "./problems.js";

/** Credentials each provider type cannot work without; unlisted types need an API key. */
const REQUIRED_CREDENTIALS: Readonly<Record<string, ReadonlyArray<keyof Credentials>>> = {
  mock: [],
  "baidu-wenxin": ["apiKey", "secretKey"],
};

/**
 * ProviderInfo invariants: a provider type the adapters know, a usable base URL, the credentials
 * that provider needs, and an upstream model id. `stored` are the credentials kept from before
 * (an update that does not resend them); `moved` says the stored ones were withheld because the
 * deployment's endpoint changed, which the message then names.
 */
export function validateProvider(problems: Problems, deployment: DeploymentInput, stored: Credentials | null, param: string, moved = false): void {
  const type = deployment.provider.providerType;
  if (!isProviderType(type)) {
    problems.add(`${param}.provider_type`, `unknown provider type "${type}" (known: ${PROVIDER_TYPES.join(", ")})`);
    return;
  }
  const baseUrl = deployment.provider.baseUrl;
  if (baseUrl !== "" && !isHttpUrl(baseUrl)) problems.add(`${param}.base_url`, "must be an http(s) URL");
  const credentials = deployment.credentials ?? stored ?? {};
  for (const field of REQUIRED_CREDENTIALS[type] ?? ["apiKey"]) {
    if (credentials[field]) continue;
    const why = moved ? " (the base_url or provider changed: stored credentials never follow a deployment to a new endpoint, send them again)" : "";
    problems.add(`${param}.credentials.${snakeCase(field)}`, `is required for provider ${type}${why}`);
  }
  problems.check(deployment.upstreamModel.trim() !== "", `${param}.upstream_model`, "is required");
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
