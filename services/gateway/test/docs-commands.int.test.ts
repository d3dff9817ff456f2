import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  startAnthropicMock,
  startAzureOpenAIMock,
  startBaiduMock,
  startGeminiMock,
  startOpenAIMock,
  startQianfanMock,
  startZhipuMock,
  type MockUpstream,
} from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDoc, shellBlocks, substitute } from "./doc-commands.js";
import { startPlatform, type Platform } from "./platform-fixture.js";

/** Each vendor mock, started with the example credentials of the guide, and the public URL it stands for. */
async function startVendors() {
  const zhipu = await startZhipuMock({ apiKey: "your-key-id.your-key-secret" });
  const azure = await startAzureOpenAIMock({ apiKey: "your-azure-key" });
  const vendors: Array<{ provider: string; documentedUrl: string; mock: MockUpstream & { baseUrl: string }; url?: string }> = [
    { provider: "openai", documentedUrl: "https://api.openai.com/v1", mock: await startOpenAIMock({ apiKey: "sk-your-openai-key" }) },
    { provider: "azure-openai", documentedUrl: "https://my-resource.openai.azure.com", mock: azure, url: azure.url },
    { provider: "anthropic", documentedUrl: "https://api.anthropic.com/v1", mock: await startAnthropicMock({ apiKey: "sk-ant-your-key" }) },
    { provider: "gemini", documentedUrl: "https://generativelanguage.googleapis.com/v1beta", mock: await startGeminiMock({ apiKey: "your-gemini-key" }) },
    { provider: "baidu-wenxin", documentedUrl: "https://aip.baidubce.com", mock: await startBaiduMock({ apiKey: "your-baidu-api-key", secretKey: "your-baidu-secret-key" }) },
    { provider: "baidu-qianfan", documentedUrl: "https://qianfan.baidubce.com/v2", mock: await startQianfanMock({ apiKey: "bce-v3/your-qianfan-key" }) },
    { provider: "zhipu", documentedUrl: "https://open.bigmodel.cn/api/paas/v4", mock: zhipu },
    { provider: "deepseek", documentedUrl: "https://api.deepseek.com", mock: await startOpenAIMock({ apiKey: "sk-your-deepseek-key", pathPrefix: "" }) },
    { provider: "moonshot", documentedUrl: "https://api.moonshot.cn/v1", mock: await startOpenAIMock({ apiKey: "sk-your-moonshot-key" }) },
    { provider: "dashscope", documentedUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1", mock: await startOpenAIMock({ apiKey: "sk-your-dashscope-key", pathPrefix: "/compatible-mode/v1" }) },
    { provider: "ollama", documentedUrl: "http://ollama.internal:11434/v1", mock: await startOpenAIMock({ apiKey: "ollama" }) },
    { provider: "vllm", documentedUrl: "http://vllm.internal:8000/v1", mock: await startOpenAIMock({ apiKey: "token-your-vllm-key" }) },
    { provider: "openai-compatible", documentedUrl: "https://llm.example.com/v1", mock: await startOpenAIMock({ apiKey: "your-in-house-key" }) },
  ];
  return vendors.map((vendor) => ({ ...vendor, url: vendor.url ?? vendor.mock.baseUrl }));
}

/**
 * Every command block with a `curl` in docs/providers.md, README.md and README.zh-CN.md, executed as
 * written by bash and curl against the platform on the real infrastructure, each vendor's public URL
 * replaced by its testkit mock (started with the guide's example credentials, so a credential put in
 * the wrong place fails). After each model is added, a chat call through it reaches its vendor mock.
 */
describe("the commands of the provider guide and the READMEs", () => {
  let platform: Platform;
  let vendors: Awaited<ReturnType<typeof startVendors>>;
  let workDirectory: string;
  let apiKey: string;
  let replacements: Record<string, string>;

  // Asynchronous on purpose: the platform and the mocks run in this process and must keep answering.
  const bash = (script: string) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "bash",
        ["-c", `set -euo pipefail\n${script}`],
        { cwd: workDirectory, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: workDirectory, OPENAI_API_KEY: apiKey }, encoding: "utf8", timeout: 120_000 },
        (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(async () => {
    vendors = await startVendors();
    platform = await startPlatform({ SECRETS_KEY: randomBytes(32).toString("base64"), HEALTH_PROBE_INTERVAL_MS: "0" });
    workDirectory = mkdtempSync(join(tmpdir(), "llms-docs-"));
    mkdirSync(join(workDirectory, ".data"));
    // What the first start writes (README): the commands read the admin token from it as written.
    writeFileSync(join(workDirectory, ".data/bootstrap-admin.json"), JSON.stringify({ admin_token: platform.adminToken }));
    apiKey = (await platform.createKey()).secret;
    replacements = {
      "http://127.0.0.1:8080": platform.gateway.url,
      "group=DEFAULT_GROUP": `group=${platform.isolation}`,
      ...Object.fromEntries(vendors.map((vendor) => [vendor.documentedUrl, vendor.url])),
    };
  });

  afterAll(async () => {
    await platform?.stop();
    for (const vendor of vendors ?? []) await vendor.mock.close();
  });

  const chat = async (model: string) => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model, messages: [{ role: "user", content: "Hello from the guide" }] }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  it("adds a model on every provider type of docs/providers.md, and each one answers a chat", async () => {
    const blocks = shellBlocks(readDoc("docs/providers.md"));
    const preamble = substitute(blocks.find((block) => block.includes("ADMIN_TOKEN="))!, replacements);
    const adding = blocks.filter((block) => block.includes("/admin/models"));
    const providers = new Set<string>();
    for (const block of adding) {
      const run = await bash(`${preamble}\n${substitute(block, replacements)}`);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const model = JSON.parse(run.stdout) as { id: string; status: string; deployments: Array<{ provider_type: string; status: string }> };
      expect(model.status, `${model.id}: ${run.stdout}`).toBe("available");
      const provider = model.deployments[0]!.provider_type;
      providers.add(provider);
      const vendor = vendors.find((candidate) => candidate.provider === provider);
      const before = vendor?.mock.requests.length ?? 0;
      const answer = await chat(model.id);
      expect(answer.status, `${model.id}: ${JSON.stringify(answer.body)}`).toBe(200);
      expect(answer.body.choices[0].message.content).toEqual(expect.any(String));
      if (vendor) expect(vendor.mock.requests.length, `${provider} mock reached`).toBeGreaterThan(before);
    }
    // Every provider type the adapters support has its example.
    const { PROVIDER_TYPES } = await import("@llm-serve/adapters");
    expect([...providers].sort()).toEqual([...PROVIDER_TYPES].sort());

    for (const block of blocks.filter((block) => block.includes("curl") && !block.includes("/admin/models"))) {
      const run = await bash(`${preamble}\n${substitute(block, replacements)}`);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ object: "chat.completion" });
    }
  });

  it.each(["README.md", "README.zh-CN.md"])("runs every curl block of %s in one shell, as a reader would", async (file) => {
    await fetch(`${platform.gateway.url}/admin/models/glm-4-plus`, { method: "DELETE", headers: { authorization: `Bearer ${platform.adminToken}` } });
    const zhipu = vendors.find((vendor) => vendor.provider === "zhipu")!.mock as unknown as { jwtPayloads: unknown[] };
    const signedBefore = zhipu.jwtPayloads.length;
    const blocks = shellBlocks(readDoc(file)).filter((block) => block.includes("curl"));
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const run = await bash(blocks.map((block) => substitute(block, replacements)).join("\n"));
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("data: [DONE]");
    expect(run.stdout).toContain('"object":"model_config"');
    expect(run.stdout).toContain('"object":"chat.completion"');
    // The first vendor's key went to Zhipu as a JWT signed from it, as the README says.
    expect(zhipu.jwtPayloads.length).toBeGreaterThan(signedBefore);
  });
});
