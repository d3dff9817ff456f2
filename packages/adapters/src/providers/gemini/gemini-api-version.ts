import { UpstreamError } from "../../spec/upstream-error.js";

/** The Gemini API host; the API version is a path segment chosen per deployment. */
export const GEMINI_HOST_URL = "https://generativelanguage.googleapis.com";

/** The versions the Gemini API serves; `v1beta` stays the default because preview models and features appear there first. */
export const GEMINI_API_VERSIONS = ["v1beta", "v1"] as const;
export type GeminiApiVersion = (typeof GEMINI_API_VERSIONS)[number];
export const DEFAULT_GEMINI_API_VERSION: GeminiApiVersion = "v1beta";

const TRAILING_VERSION = /\/(v1beta|v1)\/*$/;

/**
 * `<base>/<version>` for a deployment. The base URL is the host root (as google-genai's `base_url`);
 * one that still ends in a version segment (the old default, `…/v1beta`) has it replaced, so the
 * deployment's `api_version` always decides.
 */
export function geminiVersionedBaseUrl(config: { baseUrl?: string; apiVersion?: string }): string {
  const version = config.apiVersion === undefined || config.apiVersion === "" ? DEFAULT_GEMINI_API_VERSION : config.apiVersion;
  if (!(GEMINI_API_VERSIONS as readonly string[]).includes(version)) {
    // A deployment's misconfiguration, not the client's fault: a server error that no retry mends.
    throw new UpstreamError({ provider: "gemini", status: 500, type: "server", vendorCode: "invalid_deployment_config", retryable: false, message: `Gemini api_version must be one of ${GEMINI_API_VERSIONS.join(", ")} (got "${version}")` });
  }
  const base = (config.baseUrl ?? GEMINI_HOST_URL).replace(/\/+$/, "").replace(TRAILING_VERSION, "");
  return `${base}/${version}`;
}
