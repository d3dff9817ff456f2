import type { FunctionTool, ToolChoice } from "../../spec/chat-types.js";
import type { AnthropicTool, AnthropicToolChoice } from "./anthropic-types.js";

export function convertToAnthropicTools(tools: FunctionTool[] | undefined): AnthropicTool[] | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  return tools.map((tool) => ({
    name: tool.function.name,
    ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
    input_schema: tool.function.parameters ?? { type: "object", properties: {} },
  }));
}

/** auto -> auto, required -> any, none -> none, a named function -> tool; parallel_tool_calls:false disables parallel use. */
export function convertToAnthropicToolChoice(choice: ToolChoice | undefined, parallelToolCalls: boolean | undefined): AnthropicToolChoice | undefined {
  if (choice === undefined && parallelToolCalls !== false) return undefined;
  const disable = parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined || choice === "auto") return { type: "auto", ...disable };
  if (choice === "required") return { type: "any", ...disable };
  if (choice === "none") return { type: "none" };
  return { type: "tool", name: choice.function.name, ...disable };
}
