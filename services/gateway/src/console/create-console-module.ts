import type { Router } from "express";
import type { AdminTokenAuthenticator } from "../auth/admin-token-authenticator.js";
import type { ModuleContext } from "../modules.js";
import type { AdminAuthenticator } from "../ports/authenticator.js";
import { consoleStaticRouter } from "./console-static.js";
import { loadConsoleSettings } from "./console-settings.js";
import { SessionAdminAuthenticator } from "./session-authenticator.js";
import { sessionRouter, sessionSignInRouter } from "./session-routes.js";
import { ConsoleSessionStore } from "./session-store.js";

export interface ConsoleModule {
  /** Bearer token or console session + CSRF: guards every admin route. */
  adminAuthenticator: AdminAuthenticator;
  /** POST /admin/session, mounted ahead of admin authentication. */
  signInRouter: Router;
  /** GET and DELETE /admin/session. */
  adminRouter: Router;
  /** The built SPA, mounted at /console. */
  staticRouter: Router;
}

/** The admin console (ADR 0033): its sessions in Redis, the routes that open and close them, its files. */
export function createConsoleModule(context: ModuleContext, tokens: AdminTokenAuthenticator): ConsoleModule {
  const settings = loadConsoleSettings(context.env);
  const sessions = new ConsoleSessionStore(context.runtime.openRedis(settings.redisUrl, settings.redisPrefix), () => settings.sessionTtlSeconds);
  const adminAuthenticator = new SessionAdminAuthenticator(tokens, sessions);
  const deps = { tokens, adminAuthenticator, sessions };
  return { adminAuthenticator, signInRouter: sessionSignInRouter(deps), adminRouter: sessionRouter(deps), staticRouter: consoleStaticRouter(settings.consoleDir) };
}
