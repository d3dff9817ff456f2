import { Router } from "express";
import { adminOpenApiDocument } from "./admin-document.js";

/**
 * Serves `/admin/openapi.json` (mounted at /admin) without a token: the description holds no data,
 * only what the repository already publishes, and the admin console and client generators read it
 * before anyone signs in. Built once: the schemas do not change while the process runs.
 */
export function openApiRouter(version: string): Router {
  const routes = Router();
  const document = adminOpenApiDocument(version);
  routes.get("/openapi.json", (_request, response) => {
    response.json(document);
  });
  return routes;
}
