import type { CallContext, ChatCompletionRequest, ProviderAdapter } from "@llm-serve/adapters";

/** The logical calls every vendor's SDK and adapter make, in OpenAI's words (the gateway's canonical form). */
export const WEATHER_SCHEMA = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
export const WEATHER_TOOL = { type: "function" as const, function: { name: "get_weather", description: "Weather", parameters: WEATHER_SCHEMA } };
export const ASK_WEATHER = { role: "user" as const, content: "Weather in Paris?" };
export const TOOL_TURN = [
  ASK_WEATHER,
  { role: "assistant" as const, content: null, tool_calls: [{ id: "call_1", type: "function" as const, function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] },
  { role: "tool" as const, tool_call_id: "call_1", content: '{"temp_c":18}' },
];
export const TOOL_CALL_REPLY = { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }] };
export const TOOL_RESULT_REPLY = { text: "18 degrees in Paris." };

export type AdapterCall = (adapter: ProviderAdapter, context: CallContext) => Promise<unknown>;

export function chatCall(request: ChatCompletionRequest): AdapterCall {
  return (adapter, context) => adapter.chat(request, context);
}

export function streamCall(request: ChatCompletionRequest): AdapterCall {
  return async (adapter, context) => {
    for await (const _part of adapter.streamChat(request, context)) void _part;
  };
}

export function embedCall(model: string, input: string[], dimensions?: number): AdapterCall {
  return (adapter, context) => adapter.embed({ model, input, ...(dimensions === undefined ? {} : { dimensions }) }, context);
}
