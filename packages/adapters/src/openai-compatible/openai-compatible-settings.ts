import type { ErrorParser } from "../http/call-upstream.js";
import type { ProviderConfig } from "../spec/call-context.js";
import type { ModelCapabilities } from "../spec/capabilities.js";
import type { ChatCompletionRequest } from "../spec/chat-types.js";
import type { FinishReason } from "../spec/finish-reason.js";
import { mapOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { parseOpenAIError, statusOfInBodyError, type OpenAIErrorObject } from "./parse-openai-error.js";

/** What distinguishes one OpenAI-shaped vendor from another. Everything else is shared. */
export interface OpenAICompatibleSettings {
  provider: string;
  defaultBaseUrl: string;
  capabilities(model: string): ModelCapabilities;
  /** Auth and vendor headers for one call (may fetch or sign a token). */
  authHeaders(config: ProviderConfig): Record<string, string> | Promise<Record<string, string>>;
  /** Full URL of an endpoint path such as `/chat/completions`. */
  endpointUrl(config: ProviderConfig, path: string, model: string): string;
  /** Ask for usage on streams with `stream_options.include_usage`. */
  streamUsageOption: boolean;
  /** Vendor tweaks on the outgoing chat body; must be pure. */
  adaptChatBody(body: Record<string, unknown>, request: ChatCompletionRequest): Record<string, unknown>;
  mapFinishReason(value: unknown): FinishReason | null;
  parseError: ErrorParser;
  /** HTTP status for an error object the vendor sent inside a 200 answer (unary body or stream event). */
  inBodyErrorStatus(error: OpenAIErrorObject | undefined): number;
  /** GET path probed by validate(); null probes with a one-token chat instead. */
  validationPath: string | null;
  /** Model used for the one-token chat probe when the caller names none. */
  validationModel?: string;
}

export function bearerAuth(config: ProviderConfig): Record<string, string> {
  return config.apiKey === undefined || config.apiKey === "" ? {} : { authorization: `Bearer ${config.apiKey}` };
}

export function joinUrl(baseUrl: string, path: string): string {
  return baseUrl.replace(/\/+$/, "") + path;
}

export function defineOpenAICompatibleSettings(
  settings: Pick<OpenAICompatibleSettings, "provider" | "defaultBaseUrl" | "capabilities"> & Partial<OpenAICompatibleSettings>,
): OpenAICompatibleSettings {
  const defaultBaseUrl = settings.defaultBaseUrl;
  return {
    authHeaders: bearerAuth,
    endpointUrl: (config, path) => joinUrl(config.baseUrl ?? defaultBaseUrl, path),
    streamUsageOption: true,
    adaptChatBody: (body) => body,
    mapFinishReason: mapOpenAIFinishReason,
    parseError: parseOpenAIError,
    inBodyErrorStatus: statusOfInBodyError,
    validationPath: "/models",
    ...settings,
  };
}
