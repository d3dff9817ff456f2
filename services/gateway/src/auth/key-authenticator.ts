import type { Request } from "express";
import { AppError, isAppError } from "@llm-serve/common";
import type { ServiceClient } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { Authenticator, Principal } from "../ports/authenticator.js";
import { bearerToken } from "./bearer-token.js";
import type { FailureLimiter } from "./failure-limiter.js";
import { compileAllowList, isAddressAllowed } from "./ip-allow-list.js";
import type { NonceRegistry } from "./nonce-registry.js";
import type { PrincipalCache } from "./principal-cache.js";
import { assertInScope } from "./scopes.js";
import { checkSignature, type SignedRequest } from "./signature-check.js";
import type { VerifiedKey } from "./verified-key.js";

export interface KeyAuthenticatorDeps {
  authKey: ServiceClient<typeof authKeyV1.AuthKeyServiceService>;
  cache: PrincipalCache;
  limiter: FailureLimiter;
  nonces: NonceRegistry;
  signatureToleranceSeconds: number;
  maxBodyBytes: () => number;
  now?: () => number;
}

const NO_KEY = new AppError("unauthenticated", "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", {
  details: { openaiCode: null },
});

function invalidKey(): AppError {
  return new AppError("unauthenticated", "Incorrect API key provided.", { details: { openaiCode: "invalid_api_key" } });
}

/** The gateway's id of this request (set by the request-context middleware), for auth-key's logs. */
export function requestIdOf(request: Request): string | undefined {
  const requestId = (request.res?.locals as { requestId?: unknown } | undefined)?.requestId;
  return typeof requestId === "string" ? requestId : undefined;
}

function toVerifiedKey(response: authKeyV1.VerifyKeyResponse): VerifiedKey {
  if (!response.principal || !response.policy) throw new AppError("internal", "auth-key answered without a principal");
  const { principal, policy } = response;
  return {
    principal: { ...principal, expiresAtMs: policy.expiresAtMs },
    requireSignature: policy.requireSignature,
    signingSecret: policy.signingSecret,
    allowList: compileAllowList(policy.ipAllowList),
    expiresAtMs: policy.expiresAtMs,
  };
}

/**
 * The hot path: answers from memory when it can; asks auth-key otherwise. Failed presentations
 * are counted per client IP and, past the limit, refused before any lookup. Every request, cached
 * or not, is checked against expiry, IP allow-list, signature and scopes.
 */
export class KeyAuthenticator implements Authenticator {
  readonly #now: () => number;
  readonly #inFlight = new Map<string, Promise<VerifiedKey>>();
  /** The key each authenticated request presented, until `authorize` checks its signature. */
  readonly #verified = new WeakMap<Request, VerifiedKey>();

  constructor(private readonly deps: KeyAuthenticatorDeps) {
    this.#now = deps.now ?? Date.now;
  }

  /** From the headers alone: nothing here reads the body (ADR 0015). */
  async authenticate(request: Request): Promise<Principal> {
    const secret = bearerToken(request);
    const clientIp = request.ip ?? "";
    if (!secret) {
      // A missing key is a failed presentation like a wrong one: it counts against the address.
      await this.deps.limiter.assertNotBlocked(clientIp);
      await this.deps.limiter.recordFailure(clientIp);
      throw NO_KEY;
    }
    const digest = this.deps.cache.digest(secret);
    const key = this.deps.cache.get(digest) ?? (await this.#lookup(secret, digest, clientIp, requestIdOf(request)));
    if (key.expiresAtMs > 0 && key.expiresAtMs <= this.#now()) {
      this.deps.cache.forget(digest);
      throw invalidKey();
    }
    if (!isAddressAllowed(key.allowList, clientIp)) {
      throw new AppError("permission_denied", "This API key may not be used from your IP address.", { details: { openaiCode: "ip_not_allowed" } });
    }
    this.#verified.set(request, key);
    return key.principal;
  }

  /** After the body was read within its limit: the signature over it, then the key's scopes. */
  async authorize(request: SignedRequest, principal: Principal): Promise<void> {
    const key = this.#verified.get(request);
    if (!key || key.principal !== principal) throw new Error("authorize called without authenticate");
    await checkSignature(request, key, { nonces: this.deps.nonces, toleranceSeconds: this.deps.signatureToleranceSeconds, maxBodyBytes: this.deps.maxBodyBytes });
    // Mounted at /v1: `request.path` is relative to the mount point.
    assertInScope(key.principal, { path: request.baseUrl + request.path, model: (request.body as { model?: unknown } | undefined)?.model });
  }

  /** Concurrent requests with the same uncached key share one lookup. */
  #lookup(secret: string, digest: string, clientIp: string, requestId: string | undefined): Promise<VerifiedKey> {
    const pending = this.#inFlight.get(digest);
    if (pending) return pending;
    const lookup = this.#ask(secret, digest, clientIp, requestId).finally(() => this.#inFlight.delete(digest));
    this.#inFlight.set(digest, lookup);
    return lookup;
  }

  async #ask(secret: string, digest: string, clientIp: string, requestId: string | undefined): Promise<VerifiedKey> {
    await this.deps.limiter.assertNotBlocked(clientIp);
    if (this.deps.cache.isKnownBad(digest)) {
      await this.deps.limiter.recordFailure(clientIp);
      throw invalidKey();
    }
    const startedAt = this.deps.cache.sequence();
    try {
      const key = toVerifiedKey(await this.deps.authKey.verifyKey({ key: secret, clientIp }, requestId ? { requestId } : {}));
      this.deps.cache.remember(digest, key, startedAt);
      return key;
    } catch (error) {
      if (!isAppError(error) || error.code !== "unauthenticated") throw error;
      this.deps.cache.rememberBad(digest);
      await this.deps.limiter.recordFailure(clientIp);
      throw invalidKey();
    }
  }
}
