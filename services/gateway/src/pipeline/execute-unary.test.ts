import { createUsage, type ProviderAdapter } from "@llm-serve/adapters";
import { eventsV1 } from "@llm-serve/proto";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../ports/deployment-router.js";
import type { QuotaGate, QuotaReservation } from "../ports/quota-gate.js";
import type { AdapterPool } from "./adapter-pool.js";
import { executeUnary } from "./execute-unary.js";
import type { GatewayCall } from "./gateway-call.js";
import type { PipelineDeps } from "./pipeline-deps.js";

const deployment = { id: "m/d", model: "m", provider: "openai", upstreamModel: "m", config: {} } as unknown as Deployment;

/** A quota gate whose settlements leave only when the test says so (as a corked Redis turn would). */
function gate(steps: string[]) {
  let leave!: () => void;
  const sent = new Promise<void>((resolve) => (leave = resolve)).then(() => void steps.push("left"));
  let settled = false;
  const quota: QuotaGate = {
    reserve: async () => ({ headers: {} }) as QuotaReservation,
    settle: async () => {
      settled = true;
      steps.push("settle");
    },
    sent: () => (settled ? sent : undefined),
  };
  return { quota, leave: () => leave() };
}

function depsWith(quota: QuotaGate, steps: string[]): PipelineDeps {
  const adapter = { chat: async () => ({ response: { ok: true }, usage: createUsage({ promptTokens: 3, completionTokens: 2, totalTokens: 5 }) }) } as unknown as ProviderAdapter;
  return {
    quota,
    router: { plan: () => [deployment], report: () => true } as unknown as PipelineDeps["router"],
    adapters: { get: () => adapter } as unknown as AdapterPool,
    usage: { accepting: () => true, record: (usage: eventsV1.UsageRecorded) => void steps.push(`event ${usage.usage?.totalTokens}`) },
  };
}

const call = {
  requestId: "req_1",
  principal: { keyId: "k", projectId: "p", orgId: "o", allowedModels: [], allowedEndpoints: [], quotaPolicyIds: [] },
  endpoint: "chat.completions",
  model: "m",
  stream: false,
  logger: { warn() {}, error() {}, debug() {} },
  signal: new AbortController().signal,
  startedAt: performance.now(),
  startedAtIso: new Date().toISOString(),
  parameters: eventsV1.RequestParameters.fromPartial({}),
} as unknown as GatewayCall;

describe("executeUnary", () => {
  it("hands back the answer only once its settlement has left the process, not before (ADR 0039)", async () => {
    const steps: string[] = [];
    const { quota, leave } = gate(steps);
    const answered = executeUnary(depsWith(quota, steps), call, {
      estimatedTokens: 5,
      invoke: (adapter, _deployment, context) => (adapter as unknown as { chat: (context: unknown) => ReturnType<ProviderAdapter["chat"]> }).chat(context),
    }).then((result) => {
      steps.push("answer");
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Settled and recorded, but the command has not left: the answer waits.
    expect(steps).toEqual(["settle", "event 5"]);
    leave();
    const result = await answered;
    expect(steps).toEqual(["settle", "event 5", "left", "answer"]);
    expect(result.response).toEqual({ ok: true });
  });
});
