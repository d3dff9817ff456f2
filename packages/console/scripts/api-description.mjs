// The admin API's description as the console sees it (ADR 0033): the copy in openapi/admin-openapi.json
// and the client types generated from it (src/api/admin-schema.d.ts). Run after building the gateway:
//   pnpm --filter @llm-serve/console generate:api
// test/api-description.test.ts renders both the same way and fails when a committed file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { adminOpenApiDocument } from "@llm-serve/gateway/openapi";
import openapiTS, { astToString } from "openapi-typescript";

export const DESCRIPTION_FILE = new URL("../openapi/admin-openapi.json", import.meta.url);
export const TYPES_FILE = new URL("../src/api/admin-schema.d.ts", import.meta.url);

/** Keys sorted at every level: the gateway's module order (which a test runner's loader may change) is not the API. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
}

/** A fixed version, so that the copy changes only when the API does. */
export function currentDescription() {
  return canonical(adminOpenApiDocument("console"));
}

export function renderDescription(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export async function renderTypes(document) {
  // Fields with a server-side default stay optional in requests (they are optional on the wire).
  const types = astToString(await openapiTS(document, { defaultNonNullable: false }));
  return `// Generated from openapi/admin-openapi.json by scripts/api-description.mjs: do not edit.\n${types}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const document = currentDescription();
  writeFileSync(DESCRIPTION_FILE, renderDescription(document));
  writeFileSync(TYPES_FILE, await renderTypes(document));
  console.log(`wrote ${fileURLToPath(DESCRIPTION_FILE)} and ${fileURLToPath(TYPES_FILE)}`);
}
