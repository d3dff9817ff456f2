import { Tiktoken } from "js-tiktoken/lite";
import { describe, expect, it } from "vitest";
import type { ChatCompletionRequest } from "../spec/chat-types.js";
import { estimateChatPromptTokens, estimatePromptTokens } from "./estimate-usage.js";
import { chatPromptTokenBound, textTokenBound, tokenIdCount } from "./token-bound.js";
import { WORST_HIGH_DETAIL_IMAGE_TOKENS } from "./media-token-bound.js";
import { countTokens, tokenizerCallCount } from "./token-counter.js";
import { seededRandom } from "../../test/seeded-random.js";


const FRAGMENTS = [
  "the quick brown fox ",
  "Hello, world! ",
  "你好，世界。今天天气很好。",
  "日本語のテキストと漢字",
  "한국어 문장입니다 ",
  "Привет, как дела? ",
  "مرحبا بالعالم ",
  "👩‍👩‍👧‍👦🏳️‍🌈👍🏽🇫🇷",
  "😀😃😄😁",
  "function f(x) { return x * 2; }\n",
  "for (let i = 0; i < n; i++) {\n\tconsole.log(i);\n}\n",
  '{"key": [1, 2, 3], "nested": {"a": null}}',
  "    \n\n\t\t   \r\n",
  " ".repeat(300),
  "\n".repeat(40),
  "a".repeat(500),
  "Supercalifragilisticexpialidocious".repeat(20),
  "0123456789".repeat(30),
  "<|endoftext|>",
  "<|im_start|>user",
  "e\u0301a\u0300o\u0302", // combining marks
  "\u200b\u200d\ufeff", // zero-width characters
];

/** Random code points from every plane we may meet, including lone surrogates and unassigned ones. */
function randomUnicode(next: () => number, length: number): string {
  let text = "";
  for (let index = 0; index < length; index += 1) {
    const pick = next();
    if (pick < 0.05) text += String.fromCharCode(0xd800 + Math.floor(next() * 0x800)); // lone surrogate
    else if (pick < 0.4) text += String.fromCodePoint(0x20 + Math.floor(next() * 0x5f));
    else if (pick < 0.7) text += String.fromCodePoint(0x80 + Math.floor(next() * (0xd7ff - 0x80)));
    else if (pick < 0.85) text += String.fromCodePoint(0xe000 + Math.floor(next() * (0xffff - 0xe000)));
    else text += String.fromCodePoint(0x10000 + Math.floor(next() * (0x10ffff - 0x10000)));
  }
  return text;
}

function variedTexts(count: number): string[] {
  const next = seededRandom(20_240_601);
  const texts = ["", ...FRAGMENTS];
  while (texts.length < count) {
    if (next() < 0.5) {
      let text = "";
      const parts = 1 + Math.floor(next() * 12);
      for (let index = 0; index < parts; index += 1) text += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!;
      texts.push(text);
    } else texts.push(randomUnicode(next, 1 + Math.floor(next() * 400)));
  }
  return texts;
}

describe("token bounds without a tokenizer", () => {
  const texts = variedTexts(600);

  it("never counts fewer tokens than o200k_base for any text", async () => {
    for (const text of texts) expect(textTokenBound(text), JSON.stringify(text.slice(0, 80))).toBeGreaterThanOrEqual(await countTokens(text));
  });

  it("never counts fewer tokens than cl100k_base for any text", async () => {
    const cl100k = new Tiktoken((await import("js-tiktoken/ranks/cl100k_base")).default);
    for (const text of texts) expect(textTokenBound(text), JSON.stringify(text.slice(0, 80))).toBeGreaterThanOrEqual(cl100k.encode(text, "all").length);
  });

  it("bounds chat prompts from above with exactly the estimate's overhead", async () => {
    const next = seededRandom(7);
    for (let round = 0; round < 50; round += 1) {
      const pick = () => texts[Math.floor(next() * texts.length)]!;
      const request: Pick<ChatCompletionRequest, "messages" | "tools"> = {
        messages: [
          { role: "system", content: pick() },
          { role: "user", name: "alice", content: [{ type: "text", text: pick() }, { type: "image_url", image_url: { url: "https://example.com/a.png" } }] },
          { role: "assistant", content: pick(), tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: pick() } }] },
          { role: "tool", tool_call_id: "call_1", content: pick() },
        ],
        ...(round % 2 === 0 ? { tools: [{ type: "function", function: { name: "lookup", description: pick(), parameters: { type: "object" } } }] } : {}),
      };
      // Overhead: 3 priming + 3 per message + 1 per name + the image's worst case, in both.
      const counted: string[] = request.messages.flatMap((message) => [
        message.role,
        ...(typeof message.content === "string" ? [message.content] : (message.content ?? []).flatMap((part) => (part.type === "text" ? [part.text] : []))),
        ...("name" in message && message.name !== undefined ? [message.name] : []),
        ...(message.role === "assistant" ? (message.tool_calls ?? []).flatMap((call) => [call.function.name, call.function.arguments]) : []),
      ]);
      if (request.tools) counted.push(JSON.stringify(request.tools));
      const bytes = counted.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
      let tokens = 0;
      for (const text of counted) tokens += await countTokens(text);
      const bound = chatPromptTokenBound(request);
      const estimate = await estimateChatPromptTokens(request);
      expect(bound - bytes).toBe(3 + 4 * 3 + 1 + WORST_HIGH_DETAIL_IMAGE_TOKENS);
      expect(estimate - tokens).toBe(3 + 4 * 3 + 1 + WORST_HIGH_DETAIL_IMAGE_TOKENS);
      expect(bound).toBeGreaterThanOrEqual(estimate);
    }
  });

  it("counts token-id prompts by their length, in the bound and in the exact estimate", async () => {
    expect(textTokenBound([1, 2, 3])).toBe(3);
    expect(textTokenBound([[1, 2], [3], []])).toBe(3);
    expect(tokenIdCount([[1, 2], [3]])).toBe(3);
    expect(tokenIdCount(["hello", "world"])).toBe(0);
    expect(await estimatePromptTokens([[1, 2], [3]])).toBe(3);
    expect(await estimatePromptTokens(["hello world", "hello world"])).toBe(4);
    expect(textTokenBound(["hello world", "hello world"])).toBe(22);
  });

  it("bounds without running the tokenizer", () => {
    const before = tokenizerCallCount();
    textTokenBound(texts);
    chatPromptTokenBound({ messages: [{ role: "user", content: texts.join("") }] });
    expect(tokenizerCallCount()).toBe(before);
  });
});
