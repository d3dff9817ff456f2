import { SIGNATURE_HEADERS, signRequest, signingFetch } from "@llm-serve/signing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeyFixture, startAuthStack, type AuthStack } from "./auth-harness.js";

/** Keys that require signatures, on two gateways sharing one nonce store. */
describe("signed requests", () => {
  let stack: AuthStack;
  let key: { keyId: string; secret: string; signingSecret: string; projectId: string };
  const chatBody = JSON.stringify({ model: "no-such-model", messages: [{ role: "user", content: "hi" }] });

  async function send(options: { method?: string; path?: string; body?: string; headers?: Record<string, string>; gateway?: number; token?: string }) {
    const gateway = stack.gateways[options.gateway ?? 0]!;
    const response = await fetch(`${gateway.url}${options.path ?? "/v1/models"}`, {
      method: options.method ?? "GET",
      headers: { authorization: `Bearer ${options.token ?? key.secret}`, ...(options.body ? { "content-type": "application/json" } : {}), ...options.headers },
      body: options.body,
    });
    const text = await response.text();
    return { status: response.status, error: text ? ((JSON.parse(text) as { error?: { code: string } }).error ?? null) : null };
  }

  const signed = (options: { method?: string; path?: string; body?: string; now?: Date; signingSecret?: string; nonce?: string }) =>
    signRequest({ signingSecret: options.signingSecret ?? key.signingSecret, method: options.method ?? "GET", path: options.path ?? "/v1/models", body: options.body, now: options.now, nonce: options.nonce });

  beforeAll(async () => {
    stack = await startAuthStack("gwsig", { gateways: 2 });
    key = await createKeyFixture(stack, stack.adminToken, { require_signature: true });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("accepts a correctly signed request, with or without a body", async () => {
    expect((await send({ headers: signed({}) })).status).toBe(200);
    const post = await send({ method: "POST", path: "/v1/chat/completions", body: chatBody, headers: signed({ method: "POST", path: "/v1/chat/completions", body: chatBody }) });
    expect(post.status).not.toBe(401);
    expect(post.error?.code ?? "").not.toMatch(/^signature_/);
  });

  it("works with signingFetch, the helper for any fetch-based client", async () => {
    const client = signingFetch({ signingSecret: key.signingSecret });
    const response = await client(`${stack.gateways[1]!.url}/v1/models?limit=5`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect(response.status).toBe(200);
  });

  it("refuses an unsigned request to a key that requires signatures", async () => {
    expect(await send({})).toEqual({ status: 401, error: expect.objectContaining({ code: "signature_missing" }) });
  });

  it("refuses a replayed request, on the same gateway and on the other", async () => {
    const headers = signed({});
    expect((await send({ headers })).status).toBe(200);
    expect(await send({ headers })).toEqual({ status: 401, error: expect.objectContaining({ code: "signature_replayed" }) });
    expect(await send({ headers, gateway: 1 })).toEqual({ status: 401, error: expect.objectContaining({ code: "signature_replayed" }) });
  });

  it("refuses timestamps more than five minutes off, either way", async () => {
    const past = signed({ now: new Date(Date.now() - 301_000) });
    const future = signed({ now: new Date(Date.now() + 301_000) });
    for (const headers of [past, future]) expect(await send({ headers })).toEqual({ status: 401, error: expect.objectContaining({ code: "signature_stale" }) });
    expect((await send({ headers: signed({ now: new Date(Date.now() - 240_000) }) })).status).toBe(200);
  });

  it("refuses a changed body, path or method, and another key's signing secret", async () => {
    const forBody = signed({ method: "POST", path: "/v1/chat/completions", body: chatBody });
    const tampered = await send({ method: "POST", path: "/v1/chat/completions", body: chatBody.replace("hi", "ho"), headers: forBody });
    expect(tampered).toEqual({ status: 401, error: expect.objectContaining({ code: "signature_mismatch" }) });
    expect((await send({ path: "/v1/models?limit=1", headers: signed({}) })).error?.code).toBe("signature_mismatch");
    const other = await createKeyFixture(stack, stack.adminToken, { require_signature: true });
    expect((await send({ headers: signed({ signingSecret: other.signingSecret }) })).error?.code).toBe("signature_mismatch");
    expect((await send({ headers: { ...signed({}), [SIGNATURE_HEADERS.signature]: "not-hex" } })).error?.code).toBe("signature_malformed");
  });

  it("checks a signature sent with a key that does not require one", async () => {
    const plain = await createKeyFixture(stack, stack.adminToken);
    expect((await send({ token: plain.secret })).status).toBe(200);
    expect((await send({ token: plain.secret, headers: signed({ signingSecret: plain.signingSecret }) })).status).toBe(200);
    expect((await send({ token: plain.secret, headers: signed({}) })).error?.code).toBe("signature_mismatch");
  });

  it("pairs each secret of a rotated key with its own signing secret", async () => {
    const rotated = await stack.call("POST", `/admin/keys/${key.keyId}/rotate`, { token: stack.adminToken, body: { grace_period_seconds: 300 } });
    const fresh = { secret: rotated.body.key as string, signingSecret: rotated.body.signing_secret as string };
    expect((await send({ token: fresh.secret, headers: signed({ signingSecret: fresh.signingSecret }) })).status).toBe(200);
    expect((await send({ headers: signed({}) })).status).toBe(200);
    expect((await send({ token: fresh.secret, headers: signed({}) })).error?.code).toBe("signature_mismatch");
    key = { ...key, ...fresh };
  });

  it("signs multipart uploads too: the body is verified and still reaches the route", async () => {
    const form = new FormData();
    form.append("model", "no-such-whisper");
    form.append("file", new Blob([Buffer.from("RIFF0000WAVEfmt ")]), "a.wav");
    const client = signingFetch({ signingSecret: key.signingSecret });
    const response = await client(`${stack.gateways[0]!.url}/v1/audio/transcriptions`, { method: "POST", headers: { authorization: `Bearer ${key.secret}` }, body: form });
    const body = (await response.json()) as { error?: { code: string; param: string | null } };
    expect(response.status).not.toBe(401);
    expect(body.error?.code ?? "").not.toMatch(/^signature_/);
    expect(body.error?.code).toBe("model_not_found");
  });
});
