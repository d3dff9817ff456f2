import { describe, expect, it } from "vitest";
import { estimateChatUsage, estimateTextUsage } from "./estimate-usage.js";
import { countTokens } from "./token-counter.js";

describe("token counting", () => {
  it("counts tokens with the bundled o200k_base encoding", async () => {
    expect(await countTokens("")).toBe(0);
    expect(await countTokens("hello world")).toBe(2);
    expect(await countTokens("Hello from the mock upstream.")).toBe(6);
  });

  it("estimates chat usage with per-message overhead and marks it estimated", async () => {
    const usage = await estimateChatUsage(
      { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "hello world" }] },
      { text: "Hello from the mock upstream." },
    );
    // 3 priming + 2 * 3 per message + tokens of "system","Be brief.","user","hello world".
    const promptTokens = 3 + 6 + (await countTokens("system")) + (await countTokens("Be brief.")) + (await countTokens("user")) + 2;
    expect(usage).toMatchObject({ promptTokens, completionTokens: 6, totalTokens: promptTokens + 6, estimated: true });
  });

  it("counts tool-call names and arguments as completion tokens", async () => {
    const usage = await estimateChatUsage({ messages: [{ role: "user", content: "x" }] }, { text: "", toolCalls: [{ name: "get_weather", arguments: '{"city":"Paris"}' }] });
    expect(usage.completionTokens).toBe((await countTokens("get_weather")) + (await countTokens('{"city":"Paris"}')));
  });

  it("estimates plain text usage", async () => {
    expect(await estimateTextUsage(["hello world", "hello world"])).toMatchObject({ promptTokens: 4, completionTokens: 0, estimated: true });
  });
});
