import { Router } from "express";
import type { AuthAdminDeps } from "./auth-admin-context.js";
import { withRefusalAudit } from "./refusal-audit.js";
import { authKeyRoutes } from "./auth-key-routes.js";
import { authOrganizationRoutes } from "./auth-organization-routes.js";
import { authPlatformRoutes } from "./auth-platform-routes.js";
import { authProjectRoutes } from "./auth-project-routes.js";
import { authUserRoutes } from "./auth-user-routes.js";

/** The admin REST API of the auth module, mounted at /admin. Errors go to the OpenAI-shaped handler. */
export function createAuthAdminRouter(deps: AuthAdminDeps): Router {
  const router = Router();
  router.use(authPlatformRoutes(deps));
  router.use(authOrganizationRoutes(deps));
  router.use(authProjectRoutes(deps));
  router.use(authKeyRoutes(deps));
  router.use(authUserRoutes(deps));
  return withRefusalAudit(router);
}
