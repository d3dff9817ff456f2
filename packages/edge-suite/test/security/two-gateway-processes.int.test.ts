import { signRequest } from "@llm-serve/signing";
import { waitFor } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEdgePlatform, type EdgePlatform, type GatewayProcess } from "../../src/edge-platform.js";
import { reportFigures } from "../../src/load.js";
import { reportSetupRetries } from "../../src/setup-retry.js";

/**
 * What services/gateway/test shows with two gateways in one process, shown again with two gateway
 * processes (nothing shared but Redis, Kafka, Postgres and Nacos), plus what no test showed yet: a
 * replay raced to both gateways at once, and one project reading another's usage.
 */
describe("security across two gateway processes", () => {
  let platform: EdgePlatform;
  let gateways: GatewayProcess[];

  const get = async (gateway: GatewayProcess, path: string, secret: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${secret}`, ...headers } });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    platform = await startEdgePlatform({ gateways: 2 });
    gateways = platform.gateways;
  });

  afterAll(async () => {
    reportSetupRetries("two-gateway-processes");
    await platform?.stop();
  });

  it("refuses a revoked key on both gateway processes within 1 s", async () => {
    const timesMs: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const key = await platform.createKey();
      for (const gateway of gateways) expect((await get(gateway, "/v1/models", key.secret)).status).toBe(200);
      const started = performance.now();
      expect((await platform.admin("POST", `/admin/keys/${key.keyId}/revoke`, { reason: "edge" }, gateways[round % 2])).status).toBe(200);
      for (const gateway of gateways) {
        await waitFor(async () => (await get(gateway, "/v1/models", key.secret)).status === 401, { timeoutMs: 5_000, intervalMs: 10, description: "the revoked key refused" });
      }
      timesMs.push(Math.round(performance.now() - started));
    }
    expect(Math.max(...timesMs)).toBeLessThan(1_000);
    reportFigures("revocation on two gateway processes", { refusedEverywhereAfterMs: timesMs });
  });

  it("lets a signed request through once when it is raced to both gateways at the same moment", async () => {
    const key = await platform.createKey({ require_signature: true });
    expect(key.signingSecret).toBeTruthy();
    const outcomes: number[][] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const headers = signRequest({ signingSecret: key.signingSecret!, method: "GET", path: "/v1/models" });
      const statuses = await Promise.all(gateways.map(async (gateway) => (await get(gateway, "/v1/models", key.secret, headers)).status));
      outcomes.push(statuses.sort());
      // And replayed afterwards, on either.
      for (const gateway of gateways) expect((await get(gateway, "/v1/models", key.secret, headers)).status).toBe(401);
    }
    expect(outcomes.every((pair) => pair[0] === 200 && pair[1] === 401)).toBe(true);
    reportFigures("signed request raced to two gateways", { races: outcomes.length, acceptedOnce: outcomes.filter((pair) => pair[0] === 200 && pair[1] === 401).length });
  });

  it("never shows one project the usage of another, whatever it asks for", async () => {
    const [mine, theirs] = [await platform.createKey(), await platform.createKey()];
    const chat = async (secret: string) =>
      (
        await fetch(`${gateways[0]!.url}/v1/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: JSON.stringify({ model: "llmserve-demo", messages: [{ role: "user", content: "hi" }] }),
        })
      ).status;
    for (let index = 0; index < 3; index += 1) expect(await chat(theirs.secret)).toBe(200);
    expect(await chat(mine.secret)).toBe(200);
    await waitFor(async () => (await get(gateways[1]!, "/v1/usage", theirs.secret)).body.requests === 3, { timeoutMs: 30_000, description: "their usage recorded" });
    await waitFor(async () => (await get(gateways[1]!, "/v1/usage", mine.secret)).body.requests === 1, { timeoutMs: 30_000, description: "my usage recorded" });
    const attempts = [
      `/v1/usage?project_id=${theirs.projectId}`,
      `/v1/usage?projectId=${theirs.projectId}&project=${theirs.projectId}`,
      `/v1/usage?project_id[]=${theirs.projectId}`,
    ];
    for (const path of attempts) {
      for (const gateway of gateways) {
        const answer = await get(gateway, path, mine.secret, { "x-project-id": theirs.projectId, "openai-project": theirs.projectId });
        // Either refused, or their own figures: never the other project's.
        if (answer.status === 200) {
          expect(answer.body.project_id).toBe(mine.projectId);
          expect(answer.body.requests).toBe(1);
        } else expect(answer.status).toBeGreaterThanOrEqual(400);
      }
    }
    // An API key is no admin credential, whoever's project it names.
    for (const path of [`/admin/projects/${theirs.projectId}`, `/admin/projects/${theirs.projectId}/keys`, `/admin/organizations/${theirs.organizationId}`]) {
      expect((await get(gateways[0]!, path, mine.secret)).status).toBe(401);
    }
  });
});
