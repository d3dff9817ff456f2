import type { ChatCompletion, ToolCall } from "../../spec/chat-types.js";
import { createUsage, type Usage } from "../../spec/usage.js";
import { mapBaiduFinishReason, type BaiduResultFlags } from "./map-baidu-finish-reason.js";

export interface BaiduChatResult extends BaiduResultFlags {
  id?: string;
  created?: number;
  result?: string;
  is_end?: boolean;
  sentence_id?: number;
  function_call?: { name: string; arguments: string; thoughts?: string };
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
}

/** v1 function calls carry no id: derive one from the response id so it is stable per answer. */
export function baiduToolCall(result: BaiduChatResult): ToolCall | undefined {
  const call = result.function_call;
  if (call === undefined) return undefined;
  return { id: `call_${result.id ?? "baidu"}`, type: "function", function: { name: call.name, arguments: call.arguments || "{}" } };
}

export function parseBaiduResponse(result: BaiduChatResult, model: string, created: number): ChatCompletion {
  const toolCall = baiduToolCall(result);
  const completion: ChatCompletion = {
    id: result.id ?? "",
    object: "chat.completion",
    created: result.created ?? created,
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: toolCall && !result.result ? null : (result.result ?? ""), refusal: null },
        logprobs: null,
        finish_reason: mapBaiduFinishReason(result),
      },
    ],
  };
  if (toolCall) completion.choices[0]!.message.tool_calls = [toolCall];
  return completion;
}

export function mapBaiduUsage(usage: BaiduChatResult["usage"]): Usage | undefined {
  if (usage === undefined) return undefined;
  return createUsage({ promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0, totalTokens: usage.total_tokens });
}
