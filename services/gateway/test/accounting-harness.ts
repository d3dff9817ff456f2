import { createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { expect } from "vitest";
import type { IssuedKey, Platform } from "./platform-fixture.js";

/** A usage event as the gateway's outbox holds it (the payload the relay sends to Kafka). */
export interface RecordedUsage {
  requestId: string;
  keyId: string;
  deploymentId: string;
  attempt: number;
  served: boolean;
  outcome: string;
  status: string;
  estimated: boolean;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** Reads what the accounting tests assert: usage events in the outbox and the quota counters. */
export class AccountingProbe {
  readonly #db: Knex;

  constructor(private readonly platform: Platform) {
    this.#db = createDatabase({ url: INFRA.databaseUrl, schema: `gw_${platform.isolation}`, poolMax: 2 });
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  /** Every usage event of a key, in the order the gateway took them. */
  async eventsOf(keyId: string): Promise<RecordedUsage[]> {
    const rows: Array<{ payload: string }> = await this.#db("outbox").where("topic", "like", "%usage.recorded%").select("payload").orderBy("seq");
    return rows
      .map((row) => JSON.parse(row.payload) as Record<string, any>)
      .filter((payload) => payload.keyId === keyId)
      .map((payload) => ({
        requestId: String(payload.requestId),
        keyId: String(payload.keyId),
        deploymentId: String(payload.deploymentId ?? ""),
        attempt: Number(payload.attempt ?? 0),
        served: payload.served === true,
        outcome: String(payload.outcome ?? ""),
        status: String(payload.status ?? ""),
        estimated: payload.estimated === true,
        promptTokens: Number(payload.usage?.promptTokens ?? 0),
        completionTokens: Number(payload.usage?.completionTokens ?? 0),
        totalTokens: Number(payload.usage?.totalTokens ?? 0),
      }));
  }

  /** Waits until a request's events are taken and returns them. */
  async eventsOfRequest(keyId: string, requestId: string, count = 1): Promise<RecordedUsage[]> {
    return waitFor(
      async () => {
        const events = (await this.eventsOf(keyId)).filter((event) => event.requestId === requestId);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs: 30_000, description: `${count} usage event(s) of ${requestId}` },
    );
  }

  async createPolicy(body: Record<string, unknown>): Promise<string> {
    const response = await this.admin("POST", "/admin/quota/policies", body);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return String(response.body.id);
  }

  /** A key with a large token budget of its own, whose counter the tests compare with the events. */
  async meteredKey(): Promise<{ key: IssuedKey; policyId: string }> {
    const key = await this.platform.createKey();
    const policyId = await this.createPolicy({ scope: "key", scope_id: key.keyId, token_budget: { limit: 100_000_000, period: "day" }, fail_mode: "closed" });
    return { key, policyId };
  }

  /** The token budget's counter once nothing is held any more. */
  async settledTokens(policyId: string): Promise<number> {
    const row = await waitFor(
      async () => {
        const rows = (await this.admin("GET", `/admin/quota/policies/${policyId}/usage`)).body.data as Array<{ dimension: string; used: number; held: number }>;
        const budget = rows.find((entry) => entry.dimension === "token_budget");
        return budget && budget.held === 0 ? budget : undefined;
      },
      { timeoutMs: 30_000, description: "the token budget settled" },
    );
    return row.used;
  }

  async createModel(body: Record<string, unknown>, key: IssuedKey): Promise<void> {
    const created = await this.admin("POST", "/admin/models", body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await waitFor(
      async () => (await fetch(`${this.platform.gateway.url}/v1/models/${String(body.id)}`, { headers: { authorization: `Bearer ${key.secret}` } })).status === 200,
      { description: `the gateway knows ${String(body.id)}` },
    );
  }

  async admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, any> }> {
    const response = await fetch(`${this.platform.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.platform.adminToken}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }
}

export const VENDOR_KEY = "sk-vendor-key-0123456789abcdef";

/** An OpenAI-shaped chat model on the given mock upstreams, tried in this order. */
export function chatModel(id: string, vendors: readonly OpenAIMock[], runtime: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    price_plan_id: "plan-standard",
    capability: { endpoints: ["chat.completions"], context_window: 128_000, max_output_tokens: 4_096, supports_streaming: true },
    runtime: { max_retries: vendors.length - 1, ...runtime },
    routing: { strategy: "priority" },
    deployments: vendors.map((vendor, index) => ({
      id: `d${index + 1}`,
      priority: index,
      provider_type: "openai",
      base_url: vendor.baseUrl,
      credentials: { api_key: VENDOR_KEY },
      upstream_model: "gpt-4o",
    })),
  };
}

/** The text a client received from an OpenAI chat stream (its content deltas). */
export function streamedContent(sse: string): string {
  let text = "";
  for (const line of sse.split("\n")) {
    if (!line.startsWith("data: {")) continue;
    const chunk = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
    for (const choice of chunk.choices ?? []) text += choice.delta?.content ?? "";
  }
  return text;
}
