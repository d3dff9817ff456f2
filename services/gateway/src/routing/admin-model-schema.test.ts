import { modelRegistryV1 } from "@llm-serve/proto";
import { describe, expect, it } from "vitest";
import { parseAdminModel } from "./admin-model-schema.js";
import { adminModelView } from "./admin-model-view.js";

const body = {
  id: "gpt-4o",
  aliases: ["smart"],
  price_plan_id: "plan-standard",
  capability: { endpoints: ["chat.completions"], context_window: 128000, max_output_tokens: 4096, supports_tools: true },
  runtime: { max_retries: 1, bounds: { temperature: { min: 0, max: 1.5 } }, default_parameters: { temperature: 0.7 } },
  routing: { strategy: "lowest_latency", fallbacks: [{ model: "gpt-4o-mini", on: ["context_window"] }] },
  deployments: [{ id: "azure-east", provider_type: "openai", credentials: { api_key: "sk-x" }, options: { deployments: { "gpt-4o": "prod-4o" } }, upstream_model: "gpt-4o", weight: 3, tags: ["eu"] }],
};

describe("admin model bodies", () => {
  it("turns a snake_case body into the registry's input", () => {
    const input = parseAdminModel(body);
    expect(input).toMatchObject({ id: "gpt-4o", aliases: ["smart"], pricePlanId: "plan-standard", routing: { strategy: "lowest_latency" } });
    expect(input.capability).toMatchObject({ contextWindow: 128000, maxOutputTokens: 4096, supportsTools: true });
    expect(input.runtime).toMatchObject({ maxRetries: 1, defaultParametersJson: '{"temperature":0.7}' });
    expect(input.deployments[0]).toMatchObject({ id: "azure-east", providerType: "openai", credentials: { apiKey: "sk-x" }, weight: 3, options: { deployments: { "gpt-4o": "prod-4o" } } });
  });

  it("refuses unknown fields and wrong types, naming the parameter", () => {
    expect(() => parseAdminModel({ ...body, colour: "blue" })).toThrow(/colour|Unrecognized/);
    expect(() => parseAdminModel({ ...body, deployments: [{ ...body.deployments[0], weight: "heavy" }] })).toThrow(/deployments\.0\.weight/);
    expect(() => parseAdminModel(body, "other-id")).toThrow(/must match/);
  });

  it("shows a model in snake_case with the credentials hint only", () => {
    const view = adminModelView(
      modelRegistryV1.Model.fromPartial({
        id: "gpt-4o",
        runtime: { timeouts: { connectMs: 1000, firstByteMs: 2000, idleMs: 3000, totalMs: 4000 }, defaultParametersJson: "{}", overrideParametersJson: "{}" },
        deployments: [{ id: "azure-east", credentials: { hasApiKey: true, apiKeyHint: "…cdef" }, options: { deployments: { "gpt-4o": "prod-4o" } } }],
      }),
    ) as Record<string, any>;
    expect(view.deployments[0].credentials).toEqual({ has_api_key: true, api_key_hint: "…cdef", has_secret_key: false, header_names: [] });
    expect(view.deployments[0].options.deployments).toEqual({ "gpt-4o": "prod-4o" });
    expect(view.runtime.timeouts).toEqual({ connect_ms: 1000, first_byte_ms: 2000, idle_ms: 3000, total_ms: 4000 });
    expect(view.price_plan_id).toBe("");
  });
});
