import { describe, expect, it } from "vitest";
import { CompletionFromChunks, chunksOfCompletion } from "./kept-completion.js";

const head = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1_700_000_000, model: "gpt-4o" };
const usage = { prompt_tokens: 40, completion_tokens: 9, total_tokens: 49 };

describe("a streamed model call kept as a completion (ADR 0034)", () => {
  it("assembles text, tool calls by index, the finish reason and the usage chunk", () => {
    const kept = new CompletionFromChunks();
    kept.add(JSON.stringify({ ...head, choices: [{ index: 0, delta: { role: "assistant", content: "Rain " }, finish_reason: null }] }));
    kept.add(JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: "in Paris." }, finish_reason: null }] }));
    kept.add(JSON.stringify({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "get_", arguments: '{"ci' } }] }, finish_reason: null }] }));
    kept.add(JSON.stringify({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: "weather", arguments: 'ty":"Paris"}' } }] }, finish_reason: "tool_calls" }] }));
    kept.add(JSON.stringify({ ...head, choices: [], usage }));
    expect(kept.completion()).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "gpt-4o",
      choices: [{ index: 0, message: { role: "assistant", content: "Rain in Paris.", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }] }, finish_reason: "tool_calls" }],
      usage,
    });
  });

  it("replays a kept completion as one chunk with the whole message, then the usage chunk, which assemble back to it", () => {
    const completion = { id: "chatcmpl-2", object: "chat.completion", created: 1_700_000_001, model: "gpt-4o", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }], usage };
    const chunks = chunksOfCompletion(JSON.stringify(completion));
    expect(chunks.map((chunk) => JSON.parse(chunk) as unknown)).toEqual([
      { id: "chatcmpl-2", object: "chat.completion.chunk", created: 1_700_000_001, model: "gpt-4o", choices: [{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "f", arguments: "{}" } }] }, finish_reason: "tool_calls" }] },
      { id: "chatcmpl-2", object: "chat.completion.chunk", created: 1_700_000_001, model: "gpt-4o", choices: [], usage },
    ]);
    const again = new CompletionFromChunks();
    for (const chunk of chunks) again.add(chunk);
    expect(again.completion()).toEqual(completion);
  });
});
