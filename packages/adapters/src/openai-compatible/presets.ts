import type { HttpTransport } from "../http/http-transport.js";
import { capabilitiesOf, classifyModelName, type Capability, type ModelCapabilities } from "../spec/capabilities.js";
import { OpenAICompatibleAdapter } from "./openai-compatible-adapter.js";
import { defineOpenAICompatibleSettings, type OpenAICompatibleSettings } from "./openai-compatible-settings.js";

const CHAT: Capability[] = ["chat", "chatStreaming", "tools", "vision"];
const COMPLETIONS: Capability[] = ["completions", "completionsStreaming"];

/** Chat models get `chat`, embedding models get `embeddings`, when the vendor offers them. */
function byModelKind(chat: Capability[], embeddings: boolean): (model: string) => ModelCapabilities {
  return (model) => (embeddings && classifyModelName(model) === "embedding" ? capabilitiesOf(["embeddings"]) : capabilitiesOf(chat));
}

/** Ollama has no `tool_choice`, `n` or `logprobs`; sending them is at best ignored. */
function dropFields(fields: string[]): OpenAICompatibleSettings["adaptChatBody"] {
  return (body) => Object.fromEntries(Object.entries(body).filter(([name]) => !fields.includes(name)));
}

/**
 * Vendors that speak OpenAI's wire format. Each preset states only what differs: base URL, what
 * it serves, how to probe it. Keep-alive comments (DeepSeek), blank-line preambles, `reasoning_content`
 * and DeepSeek's cache-hit usage fields are handled by the shared layer.
 */
export const OPENAI_COMPATIBLE_PRESETS = {
  deepseek: defineOpenAICompatibleSettings({
    provider: "deepseek",
    defaultBaseUrl: "https://api.deepseek.com",
    capabilities: byModelKind(CHAT, false),
  }),
  dashscope: defineOpenAICompatibleSettings({
    provider: "dashscope",
    defaultBaseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
    capabilities: byModelKind(CHAT, true),
    // (unverified) compatible-mode model listing; a one-token chat is certain to exist.
    validationPath: null,
    validationModel: "qwen-turbo",
  }),
  moonshot: defineOpenAICompatibleSettings({
    provider: "moonshot",
    defaultBaseUrl: "https://api.moonshot.cn/v1",
    capabilities: byModelKind(CHAT, false),
  }),
  ollama: defineOpenAICompatibleSettings({
    provider: "ollama",
    defaultBaseUrl: "http://localhost:11434/v1",
    capabilities: byModelKind([...CHAT, ...COMPLETIONS], true),
    adaptChatBody: dropFields(["tool_choice", "n", "logprobs", "top_logprobs"]),
  }),
  vllm: defineOpenAICompatibleSettings({
    provider: "vllm",
    defaultBaseUrl: "http://localhost:8000/v1",
    capabilities: byModelKind([...CHAT, ...COMPLETIONS], true),
  }),
  "openai-compatible": defineOpenAICompatibleSettings({
    provider: "openai-compatible",
    defaultBaseUrl: "http://localhost:8000/v1",
    capabilities: byModelKind([...CHAT, ...COMPLETIONS], true),
  }),
} satisfies Record<string, OpenAICompatibleSettings>;

export type OpenAICompatiblePreset = keyof typeof OPENAI_COMPATIBLE_PRESETS;

export function createOpenAICompatibleAdapter(preset: OpenAICompatiblePreset, transport: HttpTransport): OpenAICompatibleAdapter {
  return new OpenAICompatibleAdapter(OPENAI_COMPATIBLE_PRESETS[preset], transport);
}
