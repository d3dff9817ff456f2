import OpenAI from "openai";
import { createDatabase } from "@llm-serve/common";
import { INFRA, openApiValidator, startOpenAIMock, type OpenAIMock } from "@llm-serve/testkit";
import { expect } from "vitest";
import { startPlatform, type IssuedKey, type Platform } from "../../gateway/test/platform-fixture.js";
import { startAssistant, type RunningAssistant } from "../src/app.js";

/** The gateway's in-process platform plus this service, on the same isolation (schemas, Nacos group, topics). */
export interface AssistantPlatform {
  platform: Platform;
  assistant: RunningAssistant;
  /** An `openai` client for a new project's key. */
  client(): Promise<{ client: OpenAI; key: IssuedKey }>;
  /** Adds a chat model served by one vendor deployment (a mock upstream). */
  addModel(id: string, deployment: { provider_type: string; base_url: string; credentials: Record<string, string>; upstream_model: string }): Promise<void>;
  /** The payloads this service wrote to its outbox for a topic (e.g. `run-status-changed`), oldest first. */
  outboxEvents(topic: string): Promise<Array<Record<string, unknown>>>;
  /** A run's stored row (its OpenAI body), read directly: for a run whose key can no longer read it. */
  runRows(id: string): Promise<Array<{ status: string; body: unknown }>>;
  /** A thread's lifecycle status as stored (created, active, completed, archived): not part of OpenAI's object. */
  threadStatus(id: string): Promise<string | undefined>;
  /** Runs SQL in this service's schema (to put a row in the state time or a crash would leave it). */
  sql(statement: string, bindings: readonly unknown[]): Promise<void>;
  /** Stops this service's instance and starts a new one (a restart, as a deploy does). */
  restartAssistant(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAssistantPlatform(): Promise<AssistantPlatform> {
  const platform = await startPlatform();
  const env = { ...platform.env, DATABASE_SCHEMA: `as_${platform.isolation}` };
  const harness: AssistantPlatform = {
    platform,
    assistant: await startAssistant(env),
    async outboxEvents(topic) {
      const db = createDatabase({ url: INFRA.databaseUrl, schema: env.DATABASE_SCHEMA, poolMax: 1 });
      try {
        const rows = (await db("outbox").where("topic", "like", `%assistant.${topic}.v1`).orderBy("seq").select("payload")) as Array<{ payload: string }>;
        return rows.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
      } finally {
        await db.destroy();
      }
    },
    async runRows(id) {
      const db = createDatabase({ url: INFRA.databaseUrl, schema: env.DATABASE_SCHEMA, poolMax: 1 });
      try {
        return (await db("runs").where({ id }).select("status", "body")) as Array<{ status: string; body: unknown }>;
      } finally {
        await db.destroy();
      }
    },
    async threadStatus(id) {
      const db = createDatabase({ url: INFRA.databaseUrl, schema: env.DATABASE_SCHEMA, poolMax: 1 });
      try {
        return ((await db("threads").where({ id }).first("status")) as { status: string } | undefined)?.status;
      } finally {
        await db.destroy();
      }
    },
    async sql(statement, bindings) {
      const db = createDatabase({ url: INFRA.databaseUrl, schema: env.DATABASE_SCHEMA, poolMax: 1 });
      try {
        await db.raw(statement, bindings as never);
      } finally {
        await db.destroy();
      }
    },
    async restartAssistant() {
      await harness.assistant.stop();
      harness.assistant = await startAssistant(env);
    },
    async client() {
      const key = await platform.createKey();
      return { key, client: new OpenAI({ apiKey: key.secret, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0, timeout: 120_000 }) };
    },
    async addModel(id, deployment) {
      const response = await fetch(`${platform.gateway.url}/admin/models`, {
        method: "POST",
        headers: { authorization: `Bearer ${platform.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          id,
          price_plan_id: "plan-standard",
          capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
          deployments: [{ id: "vendor", provider_type: deployment.provider_type, base_url: deployment.base_url, credentials: deployment.credentials, upstream_model: deployment.upstream_model }],
        }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    },
    async stop() {
      await harness.assistant.stop();
      await platform.stop();
    },
  };
  return harness;
}

/** The platform, one OpenAI mock serving model `gpt-tools`, and clients of two different projects. */
export interface ToolPlatform {
  harness: AssistantPlatform;
  vendor: OpenAIMock;
  client: OpenAI;
  other: OpenAI;
  stop(): Promise<void>;
}

export async function startToolPlatform(): Promise<ToolPlatform> {
  const harness = await startAssistantPlatform();
  const vendor = await startOpenAIMock({ apiKey: "sk-vendor" });
  await harness.addModel("gpt-tools", { provider_type: "openai", base_url: vendor.baseUrl, credentials: { api_key: "sk-vendor" }, upstream_model: "gpt-4o" });
  const { client } = await harness.client();
  const { client: other } = await harness.client();
  return {
    harness,
    vendor,
    client,
    other,
    async stop() {
      await vendor.close();
      await harness.stop();
    },
  };
}

const schemas = openApiValidator();

/** The body conforms to `components.schemas.<name>` of OpenAI's OpenAPI description. */
export function expectConforms(schemaName: string, body: unknown): void {
  expect(schemas.problems(schemaName, body), `${schemaName}: ${JSON.stringify(body).slice(0, 600)}`).toEqual([]);
}
