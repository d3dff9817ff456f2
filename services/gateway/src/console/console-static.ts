import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router, type Response } from "express";

/**
 * The console may load only its own files and call only this origin: no inline script or style, no
 * framing, no other host (ADR 0033). React sets styles through the DOM, which style-src does not govern.
 */
const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function consoleHeaders(response: Response, path: string): void {
  response.setHeader("content-security-policy", CONSOLE_CSP);
  // Vite names every asset by its content's hash: a new build is a new name.
  response.setHeader("cache-control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
}

/**
 * Serves the built console (packages/console/dist) at /console: its files, and index.html for every
 * other path under it (the app routes in the browser). Answers 404 when the console was not built.
 */
export function consoleStaticRouter(consoleDir: string): Router {
  const routes = Router();
  const index = join(consoleDir, "index.html");
  routes.use(express.static(consoleDir, { index: false, redirect: false, fallthrough: true, setHeaders: consoleHeaders }));
  routes.get("/{*path}", (request, response, next) => {
    if (!existsSync(index)) {
      next();
      return;
    }
    // A missing asset is a 404, not the page: a stale tab asking for an old hash must not get HTML.
    if (request.path.startsWith("/assets/")) {
      next();
      return;
    }
    consoleHeaders(response, index);
    response.sendFile(index);
  });
  return routes;
}
