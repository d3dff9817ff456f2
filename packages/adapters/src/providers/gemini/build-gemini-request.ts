import type { ChatCompletionRequest, ToolChoice } from "../../spec/chat-types.js";
import { convertToGeminiContents } from "./convert-to-gemini-contents.js";

/** OpenAI chat request -> Gemini generateContent body (the model travels in the URL). */
export function buildGeminiRequest(request: ChatCompletionRequest): Record<string, unknown> {
  const { systemInstruction, contents } = convertToGeminiContents(request.messages);
  const body: Record<string, unknown> = { contents };
  if (systemInstruction !== undefined) body.systemInstruction = systemInstruction;
  const generationConfig = buildGenerationConfig(request);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = [{ functionDeclarations: request.tools.map(toFunctionDeclaration) }];
    const toolConfig = convertToolChoice(request.tool_choice);
    if (toolConfig !== undefined) body.toolConfig = toolConfig;
  }
  return body;
}

/**
 * OpenAI tools carry full JSON Schema; Gemini's `parameters` takes only its OpenAPI subset and answers
 * 400 "Unknown name" for `$schema`, `const`, `exclusiveMinimum`, type arrays... (what zod- and
 * MCP-generated tools contain). `parametersJsonSchema` takes JSON Schema as is, as google-genai sends it.
 */
function toFunctionDeclaration(tool: NonNullable<ChatCompletionRequest["tools"]>[number]): Record<string, unknown> {
  const declaration: Record<string, unknown> = { name: tool.function.name };
  if (tool.function.description) declaration.description = tool.function.description;
  if (tool.function.parameters) declaration.parametersJsonSchema = tool.function.parameters;
  return declaration;
}

function buildGenerationConfig(request: ChatCompletionRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (typeof request.temperature === "number") config.temperature = request.temperature;
  if (typeof request.top_p === "number") config.topP = request.top_p;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === "number") config.maxOutputTokens = maxTokens;
  const stop = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (stop && stop.length > 0) config.stopSequences = stop;
  if (typeof request.n === "number" && request.n > 1) config.candidateCount = request.n;
  if (typeof request.seed === "number") config.seed = request.seed;
  if (typeof request.presence_penalty === "number") config.presencePenalty = request.presence_penalty;
  if (typeof request.frequency_penalty === "number") config.frequencyPenalty = request.frequency_penalty;
  const format = request.response_format;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    // Same reason as parametersJsonSchema: responseSchema refuses full JSON Schema.
    if (format.json_schema.schema !== undefined) config.responseJsonSchema = format.json_schema.schema;
  }
  return config;
}

function convertToolChoice(choice: ToolChoice | undefined): Record<string, unknown> | undefined {
  if (choice === undefined) return undefined;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.function.name] } };
}
