import type { ChatAnswer, ChatDelta, ChatMessage } from "../ports/model-caller.js";

interface ChunkChoice {
  index?: number;
  delta?: ChatDelta;
  finish_reason?: string | null;
}

/** A chat.completion.chunk as far as a run reads it. */
export interface ChatChunk {
  choices?: ChunkChoice[];
  usage?: ChatAnswer["usage"] | null;
}

/** Puts a streamed answer back together (first choice's text, tool calls by index, finish reason, usage). */
export class ChatAnswerBuilder {
  #content = "";
  #sawContent = false;
  readonly #toolCalls: NonNullable<ChatMessage["tool_calls"]> = [];
  #finishReason = "stop";
  #usage: ChatAnswer["usage"];

  /** Adds a chunk; returns the first choice's delta when it carries text or tool calls. */
  add(chunk: ChatChunk): ChatDelta | undefined {
    if (chunk.usage) this.#usage = chunk.usage;
    const choice = (chunk.choices ?? []).find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return undefined;
    if (choice.finish_reason) this.#finishReason = choice.finish_reason;
    const delta = choice.delta ?? {};
    if (typeof delta.content === "string" && delta.content !== "") {
      this.#content += delta.content;
      this.#sawContent = true;
    }
    for (const call of delta.tool_calls ?? []) {
      const existing = (this.#toolCalls[call.index] ??= { id: "", type: "function", function: { name: "", arguments: "" } });
      if (call.id) existing.id = call.id;
      if (call.function?.name) existing.function.name += call.function.name;
      if (call.function?.arguments) existing.function.arguments += call.function.arguments;
    }
    const carries = (typeof delta.content === "string" && delta.content !== "") || (delta.tool_calls?.length ?? 0) > 0;
    return carries ? delta : undefined;
  }

  answer(): ChatAnswer {
    const toolCalls = this.#toolCalls.filter((call) => call !== undefined);
    return {
      choices: [{ message: { content: this.#sawContent || toolCalls.length === 0 ? this.#content : null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) }, finish_reason: this.#finishReason }],
      ...(this.#usage ? { usage: this.#usage } : {}),
    };
  }
}
