import { NacosClient } from "@llm-serve/common";
import { NacosResolver, createServiceClient } from "@llm-serve/grpc";
import { gatewayV1 } from "@llm-serve/proto";
import { INFRA, waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningGateway } from "../src/app.js";
import { createKeyFixture, startAuthStack, type AuthStack } from "./auth-harness.js";

const nacos = new NacosClient({ serverAddr: INFRA.nacosAddr });
const DATA_ID = "llm-serve.gateway";

function bodyOf(bytes: number): string {
  const filler = "x".repeat(Math.max(0, bytes - 40));
  return JSON.stringify({ model: "m", messages: [], filler });
}

describe("runtime configuration from Nacos", () => {
  // Bodies are read only after authentication (ADR 0015): the limit is checked with a valid key.
  let stack: AuthStack;
  let gateway: RunningGateway;
  let secret: string;
  let isolation: string;
  let resolver: NacosResolver;
  let control: ReturnType<typeof createServiceClient<typeof gatewayV1.GatewayServiceService>>;
  const logs = () => stack.logs;

  const post = async (bytes: number) =>
    (await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: bodyOf(bytes) })).status;

  beforeAll(async () => {
    stack = await startAuthStack("cfg", { logLevel: "info" });
    isolation = stack.isolation;
    gateway = stack.gateways[0]!;
    secret = (await createKeyFixture(stack, stack.adminToken)).secret;
    resolver = new NacosResolver({ nacos, service: "gateway", group: isolation, logger: stack.logs.logger });
    control = createServiceClient(gatewayV1.GatewayServiceService, { service: "gateway", resolver, logger: stack.logs.logger });
  });

  afterAll(async () => {
    control?.close();
    resolver?.close();
    await nacos.removeConfig(DATA_ID, isolation).catch(() => undefined);
    await stack?.stop();
  });

  it("changes the body limit of a running gateway, refuses an invalid change and keeps the old value", async () => {
    expect(await post(4_096)).not.toBe(413);

    await nacos.publishConfig(DATA_ID, isolation, "GATEWAY_MAX_BODY_BYTES=2048\n");
    await waitFor(async () => (await post(4_096)) === 413, { description: "the new limit applies" });
    const settings = JSON.parse((await control.getRuntimeConfig({})).settingsJson) as Record<string, unknown>;
    expect(settings.GATEWAY_MAX_BODY_BYTES).toBe(2048);

    await nacos.publishConfig(DATA_ID, isolation, "GATEWAY_MAX_BODY_BYTES=a-lot\n");
    const refusal = await waitFor(() => logs().lines.find((line) => String(line.msg).startsWith("runtime configuration refused")), {
      description: "a refusal log line",
    });
    expect(JSON.stringify(refusal.problems)).toContain("GATEWAY_MAX_BODY_BYTES");
    expect(await post(4_096)).toBe(413);
    expect(await post(1_024)).not.toBe(413);

    await nacos.publishConfig(DATA_ID, isolation, "HTTP_PORT=1\n");
    await waitFor(() => logs().lines.some((line) => JSON.stringify(line.problems ?? "").includes("HTTP_PORT: cannot change at run time")), {
      description: "a refusal of a start-up-only key",
    });
    expect(await post(4_096)).toBe(413);
  });

  it("answers with OpenAI-shaped errors and a request id", async () => {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${secret}` }, body: bodyOf(8_192) });
    expect(response.status).toBe(413);
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(await response.json()).toEqual({
      error: { message: "Request body is larger than this gateway accepts.", type: "invalid_request_error", param: null, code: null },
    });
  });
});
