// Writes the gateway's admin API description (what GET /admin/openapi.json serves) to
// openapi/admin-openapi.json, the input of the generated client types (ADR 0033). Run after building
// the gateway: pnpm --filter @llm-serve/console generate:api
import { writeFileSync } from "node:fs";
import { adminOpenApiDocument } from "@llm-serve/gateway/openapi";

/** The version is the build's; the copy pins a fixed one so that it changes only with the API. */
export const DESCRIPTION_VERSION = "console";

const target = new URL("../openapi/admin-openapi.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(adminOpenApiDocument(DESCRIPTION_VERSION), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
