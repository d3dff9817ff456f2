import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { SIGNATURE_HEADERS, computeSignature, hashBody, signRequest, signingFetch, stringToSign, verifySignature } from "./index.js";

const secret = "llms-sig-test-secret";
const now = new Date("2026-11-26T12:00:00.000Z");
const body = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}';

function headerLookup(headers: Record<string, string>) {
  return (name: string) => headers[name];
}

function verify(headers: Record<string, string>, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
  return verifySignature({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, header: headerLookup(headers), now, ...overrides });
}

describe("the string to sign", () => {
  it("is six lines: scheme, method, path, timestamp, nonce, body hash", () => {
    const parts = { method: "post", path: "/v1/chat/completions?x=1", timestamp: "1795694400", nonce: "n0nce-n0nce-n0nce", body };
    const bodyHash = createHash("sha256").update(body).digest("hex");
    expect(stringToSign(parts)).toBe(`LLMS-HMAC-SHA256\nPOST\n/v1/chat/completions?x=1\n1795694400\nn0nce-n0nce-n0nce\n${bodyHash}`);
    expect(computeSignature(secret, parts)).toBe(createHmac("sha256", secret).update(stringToSign(parts)).digest("hex"));
  });

  it("hashes an absent body as the empty string", () => {
    expect(hashBody(undefined)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hashBody(new Uint8Array())).toBe(hashBody(""));
    expect(hashBody(Buffer.from(body))).toBe(hashBody(body));
  });
});

describe("signRequest and verifySignature", () => {
  it("produce three headers that verify", () => {
    const headers = signRequest({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, now });
    expect(Object.keys(headers).sort()).toEqual([SIGNATURE_HEADERS.nonce, SIGNATURE_HEADERS.signature, SIGNATURE_HEADERS.timestamp].sort());
    expect(headers[SIGNATURE_HEADERS.timestamp]).toBe(String(now.getTime() / 1000));
    expect(headers[SIGNATURE_HEADERS.nonce]).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(verify(headers)).toEqual({ ok: true, timestamp: now.getTime() / 1000, nonce: headers[SIGNATURE_HEADERS.nonce] });
  });

  it("gives every request a fresh nonce", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => signRequest({ signingSecret: secret, method: "GET", path: "/v1/models" })[SIGNATURE_HEADERS.nonce]));
    expect(nonces.size).toBe(50);
  });

  it("refuses any change of body, path, method or secret", () => {
    const headers = signRequest({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, now });
    expect(verify(headers, { body: body.replace("hi", "ho") })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(headers, { path: "/v1/embeddings" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(headers, { method: "PUT" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify(headers, { signingSecret: "another" })).toEqual({ ok: false, reason: "mismatch" });
    expect(verify({ ...headers, [SIGNATURE_HEADERS.nonce]: "another-nonce-value" })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("accepts up to five minutes of clock difference either way, and no more", () => {
    for (const offsetSeconds of [-300, -299, 0, 299, 300]) {
      const headers = signRequest({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, now: new Date(now.getTime() + offsetSeconds * 1000) });
      expect(verify(headers).ok).toBe(true);
    }
    for (const offsetSeconds of [-302, 302, -3600]) {
      const headers = signRequest({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, now: new Date(now.getTime() + offsetSeconds * 1000) });
      expect(verify(headers)).toEqual({ ok: false, reason: "stale" });
    }
  });

  it("tells missing from malformed headers", () => {
    const headers = signRequest({ signingSecret: secret, method: "POST", path: "/v1/chat/completions", body, now });
    expect(verify({})).toEqual({ ok: false, reason: "missing" });
    expect(verify({ ...headers, [SIGNATURE_HEADERS.signature]: "zz" })).toEqual({ ok: false, reason: "malformed" });
    expect(verify({ ...headers, [SIGNATURE_HEADERS.timestamp]: "soon" })).toEqual({ ok: false, reason: "malformed" });
    expect(verify({ ...headers, [SIGNATURE_HEADERS.nonce]: "short" })).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("signingFetch", () => {
  async function withServer(run: (url: string, received: Array<{ request: IncomingMessage; body: Buffer }>) => Promise<void>) {
    const received: Array<{ request: IncomingMessage; body: Buffer }> = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ request, body: Buffer.concat(chunks) });
        response.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, received);
    } finally {
      server.close();
    }
  }

  function verifyReceived(item: { request: IncomingMessage; body: Buffer }) {
    return verifySignature({
      signingSecret: secret,
      method: item.request.method ?? "",
      path: item.request.url ?? "",
      body: item.body,
      header: (name) => item.request.headers[name] as string | undefined,
    });
  }

  it("signs JSON, multipart and body-less requests exactly as they are sent", async () => {
    await withServer(async (url, received) => {
      const signed = signingFetch({ signingSecret: secret });
      await signed(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const form = new FormData();
      form.append("model", "whisper-1");
      form.append("file", new Blob([Buffer.from("RIFF....WAVE")]), "a.wav");
      await signed(`${url}/v1/audio/transcriptions`, { method: "POST", body: form });
      await signed(new URL(`${url}/v1/models?limit=2`));
      expect(received).toHaveLength(3);
      for (const item of received) expect(verifyReceived(item)).toMatchObject({ ok: true });
      expect(received[0]!.body.toString()).toBe(body);
      expect(received[1]!.request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
      expect(received[2]!.request.url).toBe("/v1/models?limit=2");
    });
  });
});
