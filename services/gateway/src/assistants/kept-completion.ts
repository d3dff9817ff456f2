/** A chat.completion.chunk as far as keeping a streamed answer needs it (JSON, as the stream sent it). */
interface ChunkJson {
  id?: string;
  created?: number;
  model?: string;
  choices?: Array<{
    index: number;
    delta?: { role?: string; content?: string | null; tool_calls?: Array<{ index: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }> };
    finish_reason?: string | null;
  }>;
  usage?: unknown;
}

interface ToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

interface CompletionJson {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  choices: Array<{ index: number; message: { role: "assistant"; content: string | null; tool_calls?: ToolCall[] }; finish_reason: string | null }>;
  usage?: unknown;
}

/**
 * The chat completion a streamed model call amounts to (ADR 0034): what is kept for a call id, so
 * that the same call asked again — streamed or not — is answered without a second vendor call.
 */
export class CompletionFromChunks {
  #id = "";
  #created = 0;
  #model = "";
  #usage: unknown;
  readonly #choices = new Map<number, { content: string; hasContent: boolean; tools: Map<number, ToolCall>; finish: string | null }>();

  add(chunkJson: string): void {
    const chunk = JSON.parse(chunkJson) as ChunkJson;
    this.#id ||= chunk.id ?? "";
    this.#created ||= chunk.created ?? 0;
    this.#model ||= chunk.model ?? "";
    if (chunk.usage !== undefined && chunk.usage !== null) this.#usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const entry = this.#choices.get(choice.index) ?? { content: "", hasContent: false, tools: new Map(), finish: null };
      this.#choices.set(choice.index, entry);
      if (typeof choice.delta?.content === "string") {
        entry.content += choice.delta.content;
        entry.hasContent = true;
      }
      for (const call of choice.delta?.tool_calls ?? []) {
        const tool = entry.tools.get(call.index) ?? { id: "", type: "function" as const, function: { name: "", arguments: "" } };
        tool.id ||= call.id ?? "";
        tool.function.name += call.function?.name ?? "";
        tool.function.arguments += call.function?.arguments ?? "";
        entry.tools.set(call.index, tool);
      }
      if (choice.finish_reason) entry.finish = choice.finish_reason;
    }
  }

  completion(): CompletionJson {
    const choices = [...this.#choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, entry]) => ({
        index,
        message: { role: "assistant" as const, content: entry.hasContent ? entry.content : null, ...(entry.tools.size > 0 ? { tool_calls: [...entry.tools.entries()].sort(([a], [b]) => a - b).map(([, tool]) => tool) } : {}) },
        finish_reason: entry.finish,
      }));
    return { id: this.#id, object: "chat.completion", created: this.#created, model: this.#model, choices, ...(this.#usage === undefined ? {} : { usage: this.#usage }) };
  }
}

/**
 * A kept completion as a stream (a replayed call id on the streamed RPC): one chunk holding each
 * choice's whole message and finish reason, then the usage chunk the stream always ends with.
 */
export function chunksOfCompletion(completionJson: string): string[] {
  const completion = JSON.parse(completionJson) as CompletionJson;
  const head = { id: completion.id, object: "chat.completion.chunk", created: completion.created, model: completion.model };
  const choices = completion.choices.map((choice) => ({
    index: choice.index,
    delta: {
      role: "assistant",
      ...(choice.message.content === null ? {} : { content: choice.message.content }),
      ...(choice.message.tool_calls ? { tool_calls: choice.message.tool_calls.map((call, index) => ({ index, ...call })) } : {}),
    },
    finish_reason: choice.finish_reason,
  }));
  return [JSON.stringify({ ...head, choices }), JSON.stringify({ ...head, choices: [], usage: completion.usage ?? null })];
}
