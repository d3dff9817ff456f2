import { createHmac } from "node:crypto";

/** The SDK signs tokens valid for 210 s and reuses them for 180 s. */
export const ZHIPU_JWT_TTL_MS = 210_000;
export const ZHIPU_JWT_REUSE_MS = 180_000;

function base64Url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64").replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

/**
 * Zhipu's JWT: HS256 with the non-standard header `sign_type: "SIGN"` and **millisecond** `exp` and
 * `timestamp` claims, signed with the secret half of an `<id>.<secret>` key. The header is byte for
 * byte the SDK's (PyJWT adds `typ: "JWT"` and sorts the header's keys).
 */
export function signZhipuJwt(apiKey: string, now: number, ttlMs = ZHIPU_JWT_TTL_MS): string {
  const separator = apiKey.indexOf(".");
  const id = separator > 0 ? apiKey.slice(0, separator) : "";
  const secret = separator > 0 ? apiKey.slice(separator + 1) : "";
  if (id === "" || secret === "") throw new Error("Zhipu key must look like <id>.<secret>");
  const header = base64Url(JSON.stringify({ alg: "HS256", sign_type: "SIGN", typ: "JWT" }));
  const payload = base64Url(JSON.stringify({ api_key: id, exp: now + ttlMs, timestamp: now }));
  const signature = base64Url(createHmac("sha256", secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

/** Signed tokens per key, reused until they are 180 s old (30 s before they expire). */
export class ZhipuTokenCache {
  private readonly tokens = new Map<string, { token: string; signedAt: number }>();

  constructor(private readonly now: () => number) {}

  tokenFor(apiKey: string): string {
    const now = this.now();
    const cached = this.tokens.get(apiKey);
    if (cached !== undefined && now - cached.signedAt < ZHIPU_JWT_REUSE_MS) return cached.token;
    const token = signZhipuJwt(apiKey, now);
    this.tokens.set(apiKey, { token, signedAt: now });
    return token;
  }
}
