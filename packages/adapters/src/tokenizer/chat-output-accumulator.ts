import type { ChatCompletionChunk } from "../spec/chat-types.js";
import type { GeneratedOutput } from "./estimate-usage.js";

/** Collects what a canonical chat stream generated, to estimate usage when the vendor sent none. */
export class ChatOutputAccumulator {
  private text = "";
  private reasoning = "";
  private readonly toolCalls = new Map<string, { name: string; arguments: string }>();
  private finishSeen = false;

  add(chunk: ChatCompletionChunk): void {
    for (const choice of chunk.choices) {
      if (choice.finish_reason !== null) this.finishSeen = true;
      const delta = choice.delta;
      if (typeof delta.content === "string") this.text += delta.content;
      if (typeof delta.reasoning_content === "string") this.reasoning += delta.reasoning_content;
      for (const call of delta.tool_calls ?? []) {
        const key = `${choice.index}:${call.index}`;
        const entry = this.toolCalls.get(key) ?? { name: "", arguments: "" };
        entry.name += call.function?.name ?? "";
        entry.arguments += call.function?.arguments ?? "";
        this.toolCalls.set(key, entry);
      }
    }
  }

  /** True once any choice reported a finish reason. */
  get finished(): boolean {
    return this.finishSeen;
  }

  output(): GeneratedOutput {
    return { text: this.text, reasoning: this.reasoning, toolCalls: [...this.toolCalls.values()] };
  }
}
