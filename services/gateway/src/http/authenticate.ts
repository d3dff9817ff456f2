import type { RequestHandler, Response } from "express";
import type { AdminAuthenticator, Authenticator, Principal } from "../ports/authenticator.js";

/**
 * Authenticates every /v1 request from its headers, before its body is read (ADR 0015): an
 * anonymous or refused caller gets its answer without the gateway buffering a byte of the body.
 * The principal rides on `response.locals`.
 */
export function authenticate(authenticator: Authenticator): RequestHandler {
  return (request, response, next) => {
    authenticator.authenticate(request).then(
      (principal) => {
        response.locals.principal = principal;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

/** After the body parser: the signature over the raw body and the key's scopes. */
export function authorize(authenticator: Authenticator): RequestHandler {
  return (request, response, next) => {
    authenticator.authorize(request, principalOf(response)).then(
      () => next(),
      (error: unknown) => next(error),
    );
  };
}

/**
 * Authenticates the admin token of every /admin request from its headers, before the body is
 * read. Each route still checks the role (`requireAdmin`), reusing this identity.
 */
export function authenticateAdmin(adminAuthenticator: AdminAuthenticator): RequestHandler {
  return (request, response, next) => {
    adminAuthenticator.authenticateAdmin(request).then(
      (admin) => {
        response.locals.authenticatedAdmin = admin;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

export function principalOf(response: Response): Principal {
  const principal = response.locals.principal as Principal | undefined;
  if (!principal) throw new Error("route mounted without authentication");
  return principal;
}
