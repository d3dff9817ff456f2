import type { ProviderConfig } from "../../spec/call-context.js";

/**
 * The `anthropic-version` sent when the deployment's `api_version` names none: the one the current
 * official SDK sends (anthropic 2.16.0; see packages/sdk-contract/README.md and ADR 0017).
 */
export const ANTHROPIC_VERSION = "2026-10-21";

/** From this API version on, the Messages API refuses `temperature`, `top_p` and `top_k` outright. */
export const SAMPLING_REFUSED_FROM = "2026-10-21";

export function anthropicVersionOf(config: ProviderConfig): string {
  return config.apiVersion === undefined || config.apiVersion === "" ? ANTHROPIC_VERSION : config.apiVersion;
}

/** Versions are ISO dates, so they order as strings. */
export function acceptsSamplingParameters(apiVersion: string): boolean {
  return apiVersion < SAMPLING_REFUSED_FROM;
}
