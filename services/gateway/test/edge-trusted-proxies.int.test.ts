import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyFixture, startAuthStack, type AuthStack } from "./auth-harness.js";
import { sendLarge } from "./edge-probe.js";

const FAILURE_LIMIT = 3;
const TRUSTED = "127.0.0.1";
// Another loopback address: on this host but not a trusted proxy.
const UNTRUSTED = "127.0.0.2";

/**
 * Issue 13 item 5: GATEWAY_TRUSTED_PROXIES decides whose X-Forwarded-For is believed. The IP
 * allow-list and the failure limiter must see the client a trusted proxy names, and the socket's
 * address for anyone else.
 */
describe("trusted proxies (GATEWAY_TRUSTED_PROXIES)", () => {
  let stack: AuthStack;
  let allowListed: Awaited<ReturnType<typeof createKeyFixture>>;

  const get = async (path: string, from: string, headers: Record<string, string>) => {
    const answer = await sendLarge(`${stack.gateways[0]!.url}${path}`, { method: "GET", headers, body: Buffer.alloc(0), localAddress: from });
    return { status: answer.status, body: answer.body ? (JSON.parse(answer.body) as { error?: { code: string } }) : undefined };
  };

  beforeAll(async () => {
    stack = await startAuthStack("gwproxy", { gatewayEnv: { GATEWAY_TRUSTED_PROXIES: `${TRUSTED}/32, ::1/128`, AUTH_FAILURE_LIMIT: String(FAILURE_LIMIT) } });
    allowListed = await createKeyFixture(stack, stack.adminToken, { ip_allow_list: ["203.0.113.0/24"] });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("believes a trusted proxy: the allow-list sees the forwarded client", async () => {
    const inside = await get("/v1/models", TRUSTED, { authorization: `Bearer ${allowListed.secret}`, "x-forwarded-for": "203.0.113.7" });
    expect(inside.status).toBe(200);
    const outside = await get("/v1/models", TRUSTED, { authorization: `Bearer ${allowListed.secret}`, "x-forwarded-for": "192.0.2.7" });
    expect(outside).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
  });

  it("ignores X-Forwarded-For from an untrusted address: the allow-list sees the socket's address", async () => {
    const spoofed = await get("/v1/models", UNTRUSTED, { authorization: `Bearer ${allowListed.secret}`, "x-forwarded-for": "203.0.113.7" });
    expect(spoofed).toMatchObject({ status: 403, body: { error: { code: "ip_not_allowed" } } });
  });

  it("counts an untrusted sender's failures against its own address, whatever it forwards", async () => {
    for (let attempt = 0; attempt < FAILURE_LIMIT; attempt += 1) {
      expect((await get("/v1/models", UNTRUSTED, { authorization: "Bearer sk-wrong-key-000000000000", "x-forwarded-for": `198.51.100.${attempt + 1}` })).status).toBe(401);
    }
    const blocked = await get("/v1/models", UNTRUSTED, { authorization: "Bearer sk-wrong-key-000000000000", "x-forwarded-for": "198.51.100.200" });
    expect(blocked).toMatchObject({ status: 429, body: { error: { code: "too_many_failed_attempts" } } });
    // The trusted proxy's forwarded clients are separate addresses: one of them is not blocked.
    expect((await get("/v1/models", TRUSTED, { authorization: "Bearer sk-wrong-key-000000000000", "x-forwarded-for": "198.51.100.201" })).status).toBe(401);
  });
});
