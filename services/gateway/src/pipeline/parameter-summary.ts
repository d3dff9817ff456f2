import type { eventsV1 } from "@llm-serve/proto";

/**
 * What an invocation record keeps of a request's parameters (ADR 0022): counts and sampling options,
 * never content. Read from the parsed body; whatever is absent or of another shape counts as unset.
 */
export function summarizeParameters(body: unknown): eventsV1.RequestParameters {
  const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const input = fields.messages ?? fields.input ?? fields.prompt;
  return {
    messages: Array.isArray(input) ? input.length : input === undefined ? 0 : 1,
    tools: Array.isArray(fields.tools) ? fields.tools.length : 0,
    maxTokens: integerOf(fields.max_completion_tokens ?? fields.max_tokens),
    temperature: numberOf(fields.temperature),
    topP: numberOf(fields.top_p),
    choices: integerOf(fields.n),
    responseFormat: responseFormatOf(fields.response_format),
    hasToolChoice: fields.tool_choice !== undefined,
  };
}

function integerOf(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function responseFormatOf(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" ? type.slice(0, 32) : "";
}
