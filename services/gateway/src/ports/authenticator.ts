import type { Request } from "express";

/** Who is calling: resolved from the API key by the auth module. */
export interface Principal {
  keyId: string;
  projectId: string;
  orgId: string;
  /** Model names or glob patterns (`gpt-4o*`); empty = every model. */
  allowedModels: string[];
  /** Endpoint names (`chat.completions`, `embeddings`, …); empty = every endpoint. */
  allowedEndpoints: string[];
  quotaPolicyIds: string[];
  /** When the presented secret stops working (key expiry or end of its rotation grace); 0 = never. */
  expiresAtMs?: number;
}

/**
 * Verifies the caller of a public API request in two steps (ADR 0015): `authenticate` from the
 * headers alone (key, expiry, IP allow-list, failure limits), before a byte of the body is read, so
 * that an anonymous caller cannot make the gateway buffer anything; then, once the body has been
 * read within its limit, `authorize` (the signature over the raw body, `request.rawBody`, and the
 * key's endpoint and model scopes). Both throw AppError `unauthenticated` / `permission_denied` /
 * `rate_limited`. Implemented in src/auth/.
 */
export interface Authenticator {
  authenticate(request: Request): Promise<Principal>;
  authorize(request: Request & { rawBody?: Buffer }, principal: Principal): Promise<void>;
}

/** An administrator of the admin API, with a role (auth-key issue). */
export interface AdminIdentity {
  userId: string;
  role: "platform_admin" | "org_admin" | "org_member" | "billing_viewer";
  /** Organisation the user belongs to; empty for platform admins. */
  orgId: string;
}

/** Authenticates an admin API request (`Authorization: Bearer <admin credential>`). */
export interface AdminAuthenticator {
  authenticateAdmin(request: Request): Promise<AdminIdentity>;
}
