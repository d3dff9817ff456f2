import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedis, type Redis } from "@llm-serve/common";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "./platform-fixture.js";

interface Answer {
  status: number;
  body: Record<string, any>;
  headers: Headers;
}

/**
 * The console's session (ADR 0033) from the attacker's side, on the real platform: the cookie's
 * flags, nothing readable in Redis, a cross-site POST without the CSRF token refused, a tenant's
 * session confined to its organization, sign-out and token revocation ending the session; and the
 * console's files served with their CSP, cache headers and SPA fallback.
 */
describe("the admin console's session and files", () => {
  let platform: Platform;
  let redis: Redis;
  const consoleDir = mkdtempSync(join(tmpdir(), "llms-console-"));

  const call = async (method: string, path: string, options: { token?: string; cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> => {
    const response = await fetch(`${platform.gateway.url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.csrf ? { "x-csrf-token": options.csrf } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith("{") ? (JSON.parse(text) as Record<string, any>) : { text }, headers: response.headers };
  };
  const asPlatform = async (method: string, path: string, body?: unknown) => {
    const answer = await call(method, path, { token: platform.adminToken, body });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const signIn = async (token: string, headers: Record<string, string> = {}) => {
    const answer = await call("POST", "/admin/session", { token, headers });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const setCookie = answer.headers.get("set-cookie") ?? "";
    return { setCookie, cookie: setCookie.split(";")[0]!, csrf: answer.body.csrf_token as string, body: answer.body };
  };

  beforeAll(async () => {
    mkdirSync(join(consoleDir, "assets"));
    writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
    writeFileSync(join(consoleDir, "assets", "index-abc123.js"), "console.log('hi')");
    platform = await startPlatform({ GATEWAY_CONSOLE_DIR: consoleDir, GATEWAY_TRUSTED_PROXIES: "loopback" });
    redis = createRedis({ url: platform.env.REDIS_URL! });
  });

  afterAll(async () => {
    await redis?.quit();
    await platform?.stop();
  });

  it("sets an HttpOnly, SameSite=Strict cookie for /admin only (Secure behind https), and keeps neither the token nor the session id in Redis", async () => {
    const session = await signIn(platform.adminToken);
    expect(session.setCookie).toMatch(/^llmserve_console_session=[A-Za-z0-9_-]{43};/);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Strict/);
    expect(session.setCookie).toMatch(/Path=\/admin/);
    expect(session.setCookie).not.toMatch(/Secure/);
    expect(session.body).toMatchObject({ object: "console_session", role: "platform_admin", csrf_token: expect.any(String) });
    expect((await signIn(platform.adminToken, { "x-forwarded-proto": "https" })).setCookie).toMatch(/; Secure/);

    const keys = await redis.keys(`${platform.env.EVENT_NAMESPACE}:gateway:auth:console:*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const sessionId = session.cookie.split("=")[1]!;
    for (const key of keys) {
      const stored = (await redis.get(key)) ?? "";
      expect(key).not.toContain(sessionId);
      expect(stored).not.toContain(platform.adminToken);
      expect(stored).not.toContain(sessionId);
      expect(stored).not.toContain(session.csrf);
      expect(await redis.ttl(key)).toBeGreaterThan(0);
    }
  });

  it("refuses a cross-site state change that carries the cookie but not the CSRF token, and accepts the console's own", async () => {
    const session = await signIn(platform.adminToken);
    expect((await call("GET", "/admin/me", { cookie: session.cookie })).status).toBe(200);
    const forged = await call("POST", "/admin/organizations", { cookie: session.cookie, body: { name: "forged" }, headers: { origin: "https://attacker.example" } });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toMatchObject({ code: "csrf_token_invalid", type: expect.any(String) });
    const wrong = await call("POST", "/admin/organizations", { cookie: session.cookie, csrf: "guessed-token", body: { name: "forged" } });
    expect(wrong.status).toBe(403);
    const organizations = (await asPlatform("GET", "/admin/organizations?limit=100")).data as Array<{ name: string }>;
    expect(organizations.map((organization) => organization.name)).not.toContain("forged");
    const own = await call("POST", "/admin/organizations", { cookie: session.cookie, csrf: session.csrf, body: { name: "from the console" } });
    expect(own.status).toBe(201);
    // After a reload the console asks for its CSRF token again: the same one.
    expect((await call("GET", "/admin/session", { cookie: session.cookie })).body.csrf_token).toBe(session.csrf);
  });

  it("confines a tenant admin's session to its own organization", async () => {
    const orgA = await asPlatform("POST", "/admin/organizations", { name: "tenant A" });
    const orgB = await asPlatform("POST", "/admin/organizations", { name: "tenant B" });
    const user = await asPlatform("POST", "/admin/users", { name: "A admin", role: "org_admin", organization_id: orgA.id });
    const token = (await asPlatform("POST", `/admin/users/${user.id}/tokens`, { name: "console" })).token as string;
    const session = await signIn(token);
    expect(session.body).toMatchObject({ role: "org_admin", organization_id: orgA.id });
    const listed = await call("GET", "/admin/organizations", { cookie: session.cookie });
    expect(listed.status).toBe(200);
    expect((listed.body.data as Array<{ id: string }>).map((organization) => organization.id)).toEqual([orgA.id]);
    expect((await call("GET", `/admin/organizations/${orgB.id}`, { cookie: session.cookie })).status).toBeGreaterThanOrEqual(403);
    const intoB = await call("POST", `/admin/organizations/${orgB.id}/projects`, { cookie: session.cookie, csrf: session.csrf, body: { name: "intrusion" } });
    expect([403, 404]).toContain(intoB.status);
  });

  it("ends the session on sign-out (which itself needs the CSRF token) and when its admin token is revoked", async () => {
    const session = await signIn(platform.adminToken);
    expect((await call("DELETE", "/admin/session", { cookie: session.cookie })).status).toBe(403);
    const out = await call("DELETE", "/admin/session", { cookie: session.cookie, csrf: session.csrf });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/llmserve_console_session=;/);
    expect((await call("GET", "/admin/me", { cookie: session.cookie })).status).toBe(401);

    const me = await asPlatform("GET", "/admin/me");
    const minted = await asPlatform("POST", `/admin/users/${me.user_id}/tokens`, { name: "short-lived" });
    const revocable = await signIn(minted.token as string);
    expect((await call("GET", "/admin/me", { cookie: revocable.cookie })).status).toBe(200);
    await asPlatform("DELETE", `/admin/users/${me.user_id}/tokens/${minted.id}`);
    expect((await call("GET", "/admin/me", { cookie: revocable.cookie })).status).toBe(401);
  });

  it("refuses a sign-in without a valid admin token, in the OpenAI error shape", async () => {
    const anonymous = await call("POST", "/admin/session");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("set-cookie")).toBeNull();
    expect((await call("POST", "/admin/session", { token: "not-an-admin-token" })).body.error).toMatchObject({ code: "invalid_admin_token" });
  });

  it("serves the console with its CSP, immutable hashed assets, no-cache pages and the SPA fallback", async () => {
    const page = await call("GET", "/console/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const deepLink = await call("GET", "/console/keys/some-key");
    expect(deepLink.status).toBe(200);
    expect(deepLink.body.text).toContain("<title>console</title>");
    const asset = await call("GET", "/console/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await call("GET", "/console/assets/index-gone.js")).status).toBe(404);
  });
});
