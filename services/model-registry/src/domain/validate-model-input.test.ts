import { AppError } from "@llm-serve/common";
import { describe, expect, it } from "vitest";
import { DEMO_MODEL } from "./demo-model.js";
import { deriveModelStatus } from "./derive-status.js";
import type { ModelInput } from "./model-config.js";
import { validateModelInput } from "./validate-model-input.js";

function problemsOf(input: ModelInput): string[] {
  try {
    validateModelInput(input);
    return [];
  } catch (error) {
    return ((error as AppError).details.problems as Array<{ param: string }>).map((problem) => problem.param);
  }
}

const openai = { ...DEMO_MODEL.deployments[0]!, id: "openai", provider: { providerType: "openai", baseUrl: "https://api.openai.com/v1", options: {} }, credentials: { apiKey: "sk-x" } };

describe("ModelConfig invariants", () => {
  it("accepts the demo model and a complete OpenAI deployment", () => {
    expect(problemsOf(DEMO_MODEL)).toEqual([]);
    expect(problemsOf({ ...DEMO_MODEL, deployments: [openai] })).toEqual([]);
  });

  it("insists on complete provider info", () => {
    const missingKey = { ...openai, credentials: {} };
    expect(problemsOf({ ...DEMO_MODEL, deployments: [missingKey] })).toContain("deployments[0].credentials.api_key");
    expect(problemsOf({ ...DEMO_MODEL, deployments: [{ ...openai, upstreamModel: " " }] })).toContain("deployments[0].upstream_model");
    expect(problemsOf({ ...DEMO_MODEL, deployments: [] })).toContain("deployments");
    expect(problemsOf({ ...DEMO_MODEL, deployments: [openai, openai] })).toContain("deployments");
    // Baidu Wenxin v1 trades its API key and secret key for an access token: both are needed.
    const wenxin = { ...openai, provider: { providerType: "baidu-wenxin", baseUrl: "https://aip.baidubce.com", options: {} } };
    expect(problemsOf({ ...DEMO_MODEL, deployments: [{ ...wenxin, credentials: { apiKey: "ak" } }] })).toContain("deployments[0].credentials.secret_key");
    expect(problemsOf({ ...DEMO_MODEL, deployments: [{ ...wenxin, credentials: { apiKey: "ak", secretKey: "sk" } }] })).toEqual([]);
  });

  it("keeps runtime parameters in range, defaults inside the bounds", () => {
    const runtime = { ...DEMO_MODEL.runtime, maxRetries: 6, defaultParameters: { temperature: 1.9 }, bounds: { ...DEMO_MODEL.runtime.bounds, temperature: { min: 0, max: 1 } } };
    expect(problemsOf({ ...DEMO_MODEL, runtime })).toEqual(["runtime.max_retries", "runtime.default_parameters.temperature"]);
    const timeouts = { ...DEMO_MODEL.runtime.timeouts, firstByteMs: 500_000, totalMs: 10_000 };
    expect(problemsOf({ ...DEMO_MODEL, runtime: { ...DEMO_MODEL.runtime, timeouts } })).toEqual(["runtime.timeouts.first_byte_ms"]);
  });

  it("requires a price plan and valid routing", () => {
    expect(problemsOf({ ...DEMO_MODEL, pricePlanId: "" })).toEqual(["price_plan_id"]);
    expect(problemsOf({ ...DEMO_MODEL, routing: { strategy: "round_robin", fallbacks: [{ model: DEMO_MODEL.id, on: ["boredom"] }] } })).toEqual([
      "routing.strategy",
      "routing.fallbacks[0].model",
      "routing.fallbacks[0].on",
    ]);
  });
});

describe("deriveModelStatus", () => {
  const deployment = (id: string, status: "available" | "error" | "unknown", enabled = true) => ({ id, enabled, status, statusReason: status === "error" ? "401 authentication: bad key" : "" });
  it("is available while one enabled deployment is, in error when all are, disabled when none is enabled", () => {
    expect(deriveModelStatus(true, [deployment("a", "error"), deployment("b", "available")]).status).toBe("available");
    expect(deriveModelStatus(true, [deployment("a", "error"), deployment("b", "available", false)])).toEqual({ status: "error", reason: "a: 401 authentication: bad key" });
    expect(deriveModelStatus(true, [deployment("a", "available", false)]).status).toBe("disabled");
    expect(deriveModelStatus(false, [deployment("a", "available")]).status).toBe("disabled");
  });
});
