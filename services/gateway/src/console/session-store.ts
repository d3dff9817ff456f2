import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "@llm-serve/common";

const SEAL_INFO = "llmserve console session seal";
const CSRF_INFO = "llmserve console session csrf";

/** What the browser holds: the session id (cookie) and the CSRF token derived from it. */
export interface IssuedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

interface StoredSession {
  /** base64(iv ‖ tag ‖ AES-256-GCM(admin token)) under a key only the session id gives. */
  sealed: string;
  expires_at: string;
}

const storageKey = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");
const sealKey = (sessionId: string) => Buffer.from(hkdfSync("sha256", Buffer.from(sessionId, "base64url"), Buffer.alloc(0), SEAL_INFO, 32));

/** The CSRF token of a session: an HMAC of its id, so it needs no storage and only the cookie's holder can compute it. */
export function csrfTokenOf(sessionId: string): string {
  return createHmac("sha256", Buffer.from(sessionId, "base64url")).update(CSRF_INFO).digest("base64url");
}

/** Constant-time comparison of a presented CSRF token with the session's. */
export function csrfTokenMatches(sessionId: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = createHash("sha256").update(csrfTokenOf(sessionId)).digest();
  return timingSafeEqual(expected, createHash("sha256").update(presented).digest());
}

/**
 * Console sessions in Redis (ADR 0033): stored under sha256(session id) with a TTL, holding the admin
 * token sealed under a key derived from the session id. Redis alone reveals neither the id nor the token.
 */
export class ConsoleSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: () => number,
  ) {}

  async create(adminToken: string): Promise<IssuedSession> {
    const sessionId = randomBytes(32).toString("base64url");
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", sealKey(sessionId), iv);
    const ciphertext = Buffer.concat([cipher.update(adminToken, "utf8"), cipher.final()]);
    const expiresAt = new Date(Date.now() + this.ttlSeconds() * 1_000);
    const stored: StoredSession = { sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64"), expires_at: expiresAt.toISOString() };
    await this.redis.set(storageKey(sessionId), JSON.stringify(stored), "EX", this.ttlSeconds());
    return { sessionId, csrfToken: csrfTokenOf(sessionId), expiresAt };
  }

  /** The admin token of a live session, or undefined (unknown, expired, or not unsealable). */
  async adminTokenOf(sessionId: string): Promise<{ adminToken: string; expiresAt: Date } | undefined> {
    const raw = await this.redis.get(storageKey(sessionId));
    if (!raw) return undefined;
    try {
      const stored = JSON.parse(raw) as StoredSession;
      const bytes = Buffer.from(stored.sealed, "base64");
      const decipher = createDecipheriv("aes-256-gcm", sealKey(sessionId), bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const adminToken = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8");
      return { adminToken, expiresAt: new Date(stored.expires_at) };
    } catch {
      return undefined;
    }
  }

  async delete(sessionId: string): Promise<boolean> {
    return (await this.redis.del(storageKey(sessionId))) > 0;
  }
}
