import { startAzureOpenAIMock, startQianfanMock, startOpenAIMock } from "@llm-serve/testkit";
import { describe, expect, it } from "vitest";
import { collectParts } from "../../../test/stream-helpers.js";
import { UndiciTransport } from "../../http/undici-transport.js";
import { createOpenAICompatibleAdapter } from "../../openai-compatible/presets.js";
import type { Completion } from "../../spec/endpoint-types.js";
import { createQianfanAdapter } from "../qianfan/qianfan-adapter.js";
import { createAzureOpenAIAdapter } from "./azure-openai-adapter.js";

describe("non-chat endpoints of OpenAI-shaped vendors", () => {
  it("azure: completions, transcription and image generation go to the deployment paths", async () => {
    const mock = await startAzureOpenAIMock({ apiKey: "k" });
    const transport = new UndiciTransport();
    try {
      const adapter = createAzureOpenAIAdapter(transport);
      const context = { config: { apiKey: "k", baseUrl: mock.url } };
      mock.setScenario({ reply: { text: "done", usage: { promptTokens: 3, completionTokens: 1 } }, transcript: "bonjour", audioSeconds: 4 });
      const completion = await adapter.complete({ model: "gpt-35-turbo-instruct", prompt: "Say" }, context);
      expect(completion.response.choices[0]?.text).toBe("done");
      expect(completion.usage).toMatchObject({ promptTokens: 3, completionTokens: 1 });
      const transcript = await adapter.transcribe({ model: "whisper-1", file: { data: new Uint8Array(4), filename: "a.mp3" } }, context);
      expect(transcript.usage.audioSeconds).toBe(4);
      const image = await adapter.generateImage({ model: "dall-e-3", prompt: "otter" }, context);
      expect(image.usage.images).toBe(1);
      expect(mock.requests.map((recorded) => recorded.path)).toEqual([
        "/openai/deployments/gpt-35-turbo-instruct/completions",
        "/openai/deployments/whisper-1/audio/transcriptions",
        "/openai/deployments/dall-e-3/images/generations",
      ]);
    } finally {
      await transport.close();
      await mock.close();
    }
  });

  it("qianfan: embeddings on /v2/embeddings", async () => {
    const mock = await startQianfanMock();
    const transport = new UndiciTransport();
    try {
      const { response } = await createQianfanAdapter(transport).embed({ model: "embedding-v1", input: ["x"] }, { config: { apiKey: "k", baseUrl: mock.baseUrl } });
      expect(response.data).toHaveLength(1);
      expect(mock.lastRequest?.path).toBe("/v2/embeddings");
    } finally {
      await transport.close();
      await mock.close();
    }
  });

  it("vllm: streaming legacy completions with usage", async () => {
    const mock = await startOpenAIMock({ scenario: { reply: { text: "x y", usage: { promptTokens: 2, completionTokens: 2 } } } });
    const transport = new UndiciTransport();
    try {
      const parts = await collectParts(createOpenAICompatibleAdapter("vllm", transport).streamComplete({ model: "meta-llama/Llama-3-8b", prompt: "a" }, { config: { baseUrl: mock.baseUrl } }));
      const text = parts.map((part) => (part.type === "chunk" ? (part.chunk as Completion).choices[0]?.text : "")).join("");
      expect(text).toBe("x y");
      expect(parts.at(-1)).toMatchObject({ type: "usage", usage: { promptTokens: 2, completionTokens: 2, estimated: false } });
    } finally {
      await transport.close();
      await mock.close();
    }
  });
});
