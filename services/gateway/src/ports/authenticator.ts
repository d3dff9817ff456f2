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
}

/**
 * Verifies the caller of a public API request (key, expiry, IP allow-list, signature) and returns
 * its principal, or throws AppError `unauthenticated` / `permission_denied` / `rate_limited`.
 * Implemented in src/auth/ (issue: auth-key). The raw body is available as `request.rawBody`
 * (a Buffer) for signature checks.
 */
export interface Authenticator {
  authenticate(request: Request & { rawBody?: Buffer }): Promise<Principal>;
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
