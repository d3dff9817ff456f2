import type { ChatCompletionChunk, ChatCompletionDelta, ChatCompletionRequest } from "../../spec/chat-types.js";
import type { FinishReason } from "../../spec/finish-reason.js";
import type { StreamPart } from "../../spec/stream-part.js";
import type { Usage } from "../../spec/usage.js";
import { parseSse } from "../../http/sse-parser.js";
import { protocolError } from "../../http/call-upstream.js";
import { truncatedStreamError } from "../../openai-compatible/stream-openai-chat.js";
import { ChatOutputAccumulator } from "../../tokenizer/chat-output-accumulator.js";
import { estimateChatUsage } from "../../tokenizer/estimate-usage.js";
import { baiduErrorFromBody } from "./baidu-error.js";
import { mapBaiduFinishReason } from "./map-baidu-finish-reason.js";
import { baiduToolCall, mapBaiduUsage, type BaiduChatResult } from "./parse-baidu-response.js";

/**
 * Wenxin v1 stream: `data:` lines with whole result objects (`sentence_id`, `is_end`, `result` as the
 * increment), no event names and no [DONE]; the connection closes after `is_end: true`. Usage is
 * read from the last chunk that has it (the is_end chunk's value is final). An error object inside
 * the stream (`error_code`) is raised (its in-stream form is unverified).
 */
export async function* streamBaiduChat(body: AsyncIterable<Uint8Array>, request: ChatCompletionRequest, created: number): AsyncGenerator<StreamPart<ChatCompletionChunk>> {
  const accumulator = new ChatOutputAccumulator();
  let usage: Usage | undefined;
  let first = true;
  for await (const event of parseSse(body)) {
    let json: BaiduChatResult;
    try {
      json = JSON.parse(event.data) as BaiduChatResult;
    } catch {
      throw protocolError("baidu-wenxin", "Baidu stream event is not JSON", event.data.slice(0, 500));
    }
    const error = baiduErrorFromBody(json, 200);
    if (error !== undefined) throw error;
    usage = mapBaiduUsage(json.usage) ?? usage;
    const delta: ChatCompletionDelta = first ? { role: "assistant" } : {};
    first = false;
    if (json.result) delta.content = json.result;
    const toolCall = baiduToolCall(json);
    if (toolCall) delta.tool_calls = [{ index: 0, ...toolCall }];
    const finish: FinishReason | null = json.is_end === true ? mapBaiduFinishReason(json) : null;
    if (finish === null && delta.content === undefined && delta.tool_calls === undefined && delta.role === undefined) continue;
    const chunk: ChatCompletionChunk = { id: json.id ?? "", object: "chat.completion.chunk", created: json.created ?? created, model: request.model, choices: [{ index: 0, delta, finish_reason: finish }] };
    accumulator.add(chunk);
    yield { type: "chunk", chunk };
    if (json.is_end === true) break;
  }
  if (!accumulator.finished) throw truncatedStreamError("baidu-wenxin");
  yield { type: "usage", usage: usage ?? (await estimateChatUsage(request, accumulator.output())) };
}
