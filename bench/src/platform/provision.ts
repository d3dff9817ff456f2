import { createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createDatabase, createLogger, NacosClient } from "@llm-serve/common";
import { createServiceClient, NacosResolver } from "@llm-serve/grpc";
import { modelRegistryV1 } from "@llm-serve/proto";
import { INFRA, uniqueId, waitFor } from "@llm-serve/testkit";
import { schemasOf } from "./platform-env.js";
import type { BenchPlatform } from "./start-platform.js";

/** The built-in demo model, served in-process by the gateway's `mock` provider (no upstream call). */
export const DEMO_MODEL = "llmserve-demo";

export interface Provisioned {
  apiKey: string;
  /** How the key was made: through the admin API, or written into auth-key's store. */
  keySource: string;
  chatModel: string;
  embeddingModel: string;
  /** How the models were made: admin API, registry gRPC, or the demo model (mock provider). */
  modelSource: string;
  /** True when the gateway's deployments point at the mock upstream (scenario b is the full path). */
  viaUpstream: boolean;
  /** How the models' price plan was made (billing prices every usage event by it), or why it was not. */
  pricePlanSource: string;
}

/** Experiments only: the models' runtime settings (the registry's defaults otherwise). */
export interface ModelRuntime {
  totalTimeoutMs?: number;
}

export interface UpstreamTarget {
  baseUrl: string;
  apiKey: string;
}

/**
 * What scenario (b) needs, made the way an operator would: an API key and two models whose
 * deployments are the OpenAI provider pointed at the mock upstream, through the gateway's admin
 * API. Where an admin API is not there yet it falls back (the registry's gRPC API, auth-key's
 * table, the demo model) and says so in `keySource` / `modelSource`.
 */
export async function provision(platform: BenchPlatform, upstream: UpstreamTarget, runtime: ModelRuntime = {}): Promise<Provisioned> {
  const adminToken = await readAdminToken(platform.env.BOOTSTRAP_ADMIN_FILE ?? "");
  const key = await createApiKey(platform, adminToken);
  const pricePlanSource = await createPricePlan(platform, adminToken);
  const models = await createModels(platform, adminToken, upstream, runtime);
  return { apiKey: key.apiKey, keySource: key.source, pricePlanSource, ...models };
}

async function readAdminToken(file: string): Promise<string> {
  return waitFor(
    async () => {
      const document = JSON.parse(await readFile(file, "utf8")) as { admin_token?: string };
      return document.admin_token;
    },
    { timeoutMs: 15_000, description: `the bootstrap admin token in ${file}` },
  );
}

async function adminCall(platform: BenchPlatform, adminToken: string, method: string, path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${platform.gatewayUrl}/admin${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}

async function createApiKey(platform: BenchPlatform, adminToken: string): Promise<{ apiKey: string; source: string }> {
  const answer = await adminCall(platform, adminToken, "POST", "/quickstart", { organization: "bench", project: "bench", key: "bench" });
  if (answer.status === 201 && typeof answer.json.key === "string") return { apiKey: answer.json.key, source: "admin API (POST /admin/quickstart)" };
  // Until the admin API answers: the key is written into auth-key's store the way it stores keys.
  const apiKey = `sk-llms-${randomBytes(24).toString("base64url")}`;
  const db = createDatabase({ url: INFRA.databaseUrl, schema: schemasOf(platform.isolation)["auth-key"], poolMax: 1 });
  try {
    await db("api_keys").insert({
      id: uniqueId("key_"),
      project_id: uniqueId("proj_"),
      org_id: "org_bench",
      key_hash: createHmac("sha256", platform.env.KEY_PEPPER ?? "").update(apiKey).digest(),
      display_prefix: apiKey.slice(0, 12),
      last_four: apiKey.slice(-4),
      allowed_models: [],
    });
  } finally {
    await db.destroy();
  }
  return { apiKey, source: `written into auth-key's api_keys table (POST /admin/quickstart answered ${answer.status})` };
}

/** The price plan the bench models name: without it billing holds every usage event as unpriceable. */
export const BENCH_PRICE_PLAN = "bench";

async function createPricePlan(platform: BenchPlatform, adminToken: string): Promise<string> {
  const prices = (model: string, input: number, output: number) => ({ model, prices: { input_per_million: input, output_per_million: output } });
  const body = { id: BENCH_PRICE_PLAN, name: "bench", currency: "USD", rules: [prices("bench-chat", 150_000, 600_000), prices("bench-embedding", 20_000, 0)] };
  const answer = await adminCall(platform, adminToken, "POST", "/billing/plans", body);
  if (answer.status === 201 || answer.status === 409) return "admin API (POST /admin/billing/plans)";
  // Not fatal: the figures are still the full path, but billing then holds the usage instead of pricing it.
  return `not created (POST /admin/billing/plans answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 200)}); billing holds the usage unpriced`;
}

function modelBodies(upstream: UpstreamTarget, runtime: ModelRuntime) {
  const total = runtime.totalTimeoutMs;
  const settings = total === undefined ? {} : { runtime: { timeouts: { total_ms: total, first_byte_ms: Math.min(60_000, total), idle_ms: Math.min(60_000, total) } } };
  const deployment = (upstreamModel: string) => ({ id: "mock-upstream", provider_type: "openai", base_url: upstream.baseUrl, credentials: { api_key: upstream.apiKey }, upstream_model: upstreamModel });
  return [
    {
      id: "bench-chat",
      price_plan_id: BENCH_PRICE_PLAN,
      ...settings,
      capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
      deployments: [deployment("gpt-4o-mini")],
    },
    {
      id: "bench-embedding",
      price_plan_id: BENCH_PRICE_PLAN,
      ...settings,
      capability: { endpoints: ["embeddings"], context_window: 8_192 },
      deployments: [deployment("text-embedding-3-small")],
    },
  ];
}

async function createModels(platform: BenchPlatform, adminToken: string, upstream: UpstreamTarget, runtime: ModelRuntime): Promise<Omit<Provisioned, "apiKey" | "keySource" | "pricePlanSource">> {
  const bodies = modelBodies(upstream, runtime);
  const answers = [];
  for (const body of bodies) answers.push(await adminCall(platform, adminToken, "POST", "/models", body));
  if (answers.every((answer) => answer.status === 201 || answer.status === 409)) {
    return { chatModel: "bench-chat", embeddingModel: "bench-embedding", modelSource: "admin API (POST /admin/models)", viaUpstream: true };
  }
  const adminStatus = answers.map((answer) => answer.status).join("/");
  // A refused configuration is a fault of the runner, not a missing API: no fallback would be the same run.
  const refused = answers.find((answer) => answer.status === 400);
  if (refused) throw new Error(`POST /admin/models refused the bench model: ${JSON.stringify(refused.json).slice(0, 400)}`);
  try {
    await createModelsOverGrpc(platform, bodies, runtime);
    return { chatModel: "bench-chat", embeddingModel: "bench-embedding", modelSource: `model-registry gRPC CreateModel (POST /admin/models answered ${adminStatus})`, viaUpstream: true };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { chatModel: DEMO_MODEL, embeddingModel: DEMO_MODEL, modelSource: `demo model on the in-process mock provider (admin API ${adminStatus}; gRPC: ${reason})`, viaUpstream: false };
  }
}

async function createModelsOverGrpc(platform: BenchPlatform, bodies: ReturnType<typeof modelBodies>, runtime: ModelRuntime): Promise<void> {
  const logger = createLogger({ service: "bench", version: "bench", level: "warn" });
  const resolver = new NacosResolver({ nacos: new NacosClient({ serverAddr: INFRA.nacosAddr }), service: "model-registry", group: platform.isolation, logger, refreshMs: 1_000 });
  const registry = createServiceClient(modelRegistryV1.ModelRegistryServiceService, { service: "model-registry", resolver, logger, deadlineMs: 20_000 });
  try {
    for (const body of bodies) {
      const [deployment] = body.deployments;
      await registry.createModel({
        model: modelRegistryV1.ModelInput.fromPartial({
          id: body.id,
          pricePlanId: body.price_plan_id,
          capability: { endpoints: body.capability.endpoints, contextWindow: body.capability.context_window, supportsStreaming: body.id === "bench-chat" },
          ...(runtime.totalTimeoutMs === undefined ? {} : { runtime: { timeouts: { totalMs: runtime.totalTimeoutMs, firstByteMs: Math.min(60_000, runtime.totalTimeoutMs), idleMs: Math.min(60_000, runtime.totalTimeoutMs) } } }),
          deployments: deployment
            ? [{ id: deployment.id, providerType: deployment.provider_type, baseUrl: deployment.base_url, credentials: { apiKey: deployment.credentials.api_key }, upstreamModel: deployment.upstream_model }]
            : [],
        }),
      });
    }
  } finally {
    registry.close();
    resolver.close();
  }
}
