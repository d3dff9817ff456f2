import type { ChatCompletion, ChatCompletionChoice, ToolCall } from "../../spec/chat-types.js";
import type { GeminiCandidate, GeminiResponse } from "./gemini-types.js";
import { mapGeminiFinishReason } from "./map-gemini-finish-reason.js";

export interface CandidateContent {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
}

/** Gemini function calls have no id; we mint stable ones from the candidate and part position. */
export function geminiToolCallId(candidateIndex: number, callIndex: number): string {
  return `call_${candidateIndex}_${callIndex}`;
}

export function readCandidate(candidate: GeminiCandidate, candidateIndex: number, firstCallIndex = 0): CandidateContent {
  const content: CandidateContent = { text: "", reasoning: "", toolCalls: [] };
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall !== undefined) {
      const id = geminiToolCallId(candidateIndex, firstCallIndex + content.toolCalls.length);
      content.toolCalls.push({ id, type: "function", function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) } });
    } else if (typeof part.text === "string") {
      if (part.thought === true) content.reasoning += part.text;
      else content.text += part.text;
    }
  }
  return content;
}

/**
 * GenerateContentResponse -> ChatCompletion. A prompt blocked by safety comes back as HTTP 200 with
 * `promptFeedback.blockReason` and no candidates: that is a content_filter finish with no content.
 */
export function parseGeminiResponse(response: GeminiResponse, fallbackModel: string, created: number): ChatCompletion {
  const candidates = response.candidates ?? [];
  const choices: ChatCompletionChoice[] = candidates.map((candidate, position) => {
    const index = candidate.index ?? position;
    const content = readCandidate(candidate, index);
    const choice: ChatCompletionChoice = {
      index,
      message: { role: "assistant", content: content.text === "" && content.toolCalls.length > 0 ? null : content.text, refusal: null },
      logprobs: null,
      finish_reason: mapGeminiFinishReason(candidate.finishReason, content.toolCalls.length > 0),
    };
    if (content.toolCalls.length > 0) choice.message.tool_calls = content.toolCalls;
    if (content.reasoning !== "") choice.message.reasoning_content = content.reasoning;
    return choice;
  });
  if (choices.length === 0) {
    choices.push({ index: 0, message: { role: "assistant", content: null, refusal: response.promptFeedback?.blockReason ?? null }, logprobs: null, finish_reason: "content_filter" });
  }
  return { id: response.responseId ?? `gemini-${created}`, object: "chat.completion", created, model: response.modelVersion ?? fallbackModel, choices };
}
