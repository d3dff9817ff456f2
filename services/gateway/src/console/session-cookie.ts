import type { CookieOptions, Request } from "express";

export const SESSION_COOKIE = "llmserve_console_session";
export const CSRF_HEADER = "x-csrf-token";

/** The session cookie's value, if the request carries one (a hand-read of one name: no parser needed for that). */
export function sessionIdOf(request: Request): string | undefined {
  for (const part of (request.header("cookie") ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no cross-site request carries it), only for /admin, Secure over https. */
export function sessionCookieOptions(request: Request, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: "strict", secure: request.secure, path: "/admin", ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }) };
}
