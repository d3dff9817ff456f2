import type { RequestHandler, Response } from "express";
import type { Authenticator, Principal } from "../ports/authenticator.js";

/** Authenticates every /v1 request; the principal rides on `response.locals`. */
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

export function principalOf(response: Response): Principal {
  const principal = response.locals.principal as Principal | undefined;
  if (!principal) throw new Error("route mounted without authentication");
  return principal;
}
