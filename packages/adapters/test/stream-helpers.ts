import type { ChatCompletionChunk } from "../src/spec/chat-types.js";
import type { StreamPart } from "../src/spec/stream-part.js";
import type { Usage } from "../src/spec/usage.js";

export async function collectParts<T>(stream: AsyncIterable<StreamPart<T>>): Promise<StreamPart<T>[]> {
  const parts: StreamPart<T>[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

export interface CollectedChat {
  text: string;
  reasoning: string;
  finishReasons: string[];
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  usage: Usage | undefined;
  usageParts: number;
  chunks: ChatCompletionChunk[];
}

/** Folds a canonical chat stream the way a client would, checking the usage part comes last. */
export async function collectChat(stream: AsyncIterable<StreamPart<ChatCompletionChunk>>): Promise<CollectedChat> {
  const parts = await collectParts(stream);
  const collected: CollectedChat = { text: "", reasoning: "", finishReasons: [], toolCalls: [], usage: undefined, usageParts: 0, chunks: [] };
  parts.forEach((part, position) => {
    if (part.type === "usage") {
      collected.usageParts += 1;
      if (position !== parts.length - 1) throw new Error("usage part is not the last part");
      collected.usage = part.usage;
      return;
    }
    collected.chunks.push(part.chunk);
    for (const choice of part.chunk.choices) {
      collected.text += choice.delta.content ?? "";
      collected.reasoning += choice.delta.reasoning_content ?? "";
      if (choice.finish_reason !== null) collected.finishReasons.push(choice.finish_reason);
      for (const call of choice.delta.tool_calls ?? []) {
        const entry = (collected.toolCalls[call.index] ??= { id: "", name: "", arguments: "" });
        entry.id += call.id ?? "";
        entry.name += call.function?.name ?? "";
        entry.arguments += call.function?.arguments ?? "";
      }
    }
  });
  return collected;
}

export async function captureError(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
