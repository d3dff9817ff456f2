import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Security headers on every answer (helmet): no MIME sniffing, no framing, no referrer, a CSP that
 * allows nothing (the gateway serves JSON and SSE, never a page), HSTS for when it is behind TLS.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
}

/**
 * API and admin answers carry keys, usage and tenant data: no cache may keep them (streams set
 * their own `no-cache`, which stores nothing either).
 */
export function noStore(): RequestHandler {
  return (_request, response, next) => {
    response.setHeader("cache-control", "no-store");
    next();
  };
}
