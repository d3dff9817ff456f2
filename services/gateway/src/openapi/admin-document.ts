import { z } from "zod";
import type { AdminOperation } from "./admin-operation.js";
import * as adminViews from "./admin-view-schemas.js";
import { ANALYTICS_OPERATIONS } from "./analytics-operations.js";
import { ALERTS_OPERATIONS } from "./alerts-operations.js";
import { AUTH_OPERATIONS } from "./auth-operations.js";
import { BILLING_OPERATIONS } from "./billing-operations.js";
import { CONSOLE_OPERATIONS } from "./console-operations.js";
import * as billingViews from "./billing-view-schemas.js";
import { newestFirstOrderQuery, orderQuery, pageQuery } from "./list-page.js";
import * as quotaViews from "./quota-view-schemas.js";
import { ROUTING_QUOTA_OPERATIONS } from "./routing-quota-operations.js";
import * as routingViews from "./routing-view-schemas.js";

type JsonObject = Record<string, unknown>;

/** The description's own route: public, see the gateway README for why. */
const DESCRIPTION_OPERATION: AdminOperation = {
  method: "get",
  path: "/admin/openapi.json",
  name: "GetOpenApiDescription",
  tag: "description",
  summary: "This description (OpenAPI 3.1). Needs no token: it holds no data, only the shape of the API.",
  response: z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) }),
};

/** Every admin route the gateway serves. A module that adds admin routes adds its operations here. */
export const ADMIN_OPERATIONS: readonly AdminOperation[] = [DESCRIPTION_OPERATION, ...AUTH_OPERATIONS, ...ROUTING_QUOTA_OPERATIONS, ...BILLING_OPERATIONS, ...ANALYTICS_OPERATIONS, ...ALERTS_OPERATIONS, ...CONSOLE_OPERATIONS];

/** Statuses every admin route can answer: no/bad token, role refused, failed-attempt limit, ours, a service away. */
const COMMON_ERRORS = [401, 403, 429, 500, 503];
const ERROR_TEXT: Record<number, string> = {
  400: "Invalid request: the body or a query parameter (named in `error.param`).",
  401: "No admin token, or not a valid one.",
  403: "The caller's role may not do this, or the resource is in another organization.",
  404: "No such resource (or not visible to the caller).",
  409: "A conflict: the id exists, or `expected_version` is not the stored version.",
  429: "Too many failed token attempts from this address.",
  500: "An internal error, reported with the request id only.",
  503: "A service behind the gateway is unavailable.",
};

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** Converts a registry of named zod schemas into `components.schemas`, with refs between them. */
function componentsOf(registry: z.core.$ZodRegistry<{ id: string }>, io: "input" | "output"): Record<string, JsonObject> {
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  // `$id` with a fragment is not allowed inside a 2020-12 document; `$schema` is implied by OpenAPI 3.1.
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$id" && key !== "$schema"))]));
}

function listOf(operation: AdminOperation): z.ZodType {
  return z.object({
    object: z.literal("list"),
    data: z.array(operation.response),
    first_id: z.string().nullable().describe("The cursor of the first item; null when the page is empty."),
    last_id: z.string().nullable().describe("The cursor of the last item: pass it as `after` for the next page."),
    has_more: z.boolean(),
    ...operation.list?.extra,
  });
}

/** Names every schema the description uses: views by their export name, requests and lists by operation. */
function registries(operations: readonly AdminOperation[]) {
  const outputs = z.registry<{ id: string }>();
  const inputs = z.registry<{ id: string }>();
  for (const module of [adminViews, routingViews, quotaViews, billingViews]) {
    for (const [exportName, schema] of Object.entries(module)) if (schema instanceof z.ZodType) outputs.add(schema, { id: pascal(exportName) });
  }
  const responseIds = new Map<AdminOperation, string>();
  const requestIds = new Map<AdminOperation, string>();
  for (const operation of operations) {
    if (operation.body) {
      const known = inputs.get(operation.body)?.id;
      requestIds.set(operation, known ?? `${operation.name}Request`);
      if (!known) inputs.add(operation.body, { id: `${operation.name}Request` });
    }
    const response = operation.list ? listOf(operation) : operation.response;
    const known = outputs.get(response)?.id;
    responseIds.set(operation, known ?? `${operation.name}Response`);
    if (!known) outputs.add(response, { id: `${operation.name}Response` });
    if (operation.events && !outputs.get(operation.events)) outputs.add(operation.events, { id: `${operation.name}Event` });
  }
  return { outputs, inputs, responseIds, requestIds };
}

function parametersOf(operation: AdminOperation): JsonObject[] {
  const pathParameters = [...operation.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string" } }));
  const ordered = operation.list?.ordered;
  const paging = ordered ? pageQuery.extend((ordered === "desc" ? newestFirstOrderQuery : orderQuery).shape) : pageQuery;
  const query = operation.list ? paging.extend(operation.query?.shape ?? {}) : operation.query;
  if (!query) return pathParameters;
  const json = z.toJSONSchema(query, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonObject>; required?: string[] };
  const queryParameters = Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
  return [...pathParameters, ...queryParameters];
}

function errorStatuses(operation: AdminOperation): number[] {
  const statuses = new Set(operation.roles ? COMMON_ERRORS : [500]);
  if (operation.body || operation.query || operation.list) statuses.add(400);
  if (operation.path.includes(":")) statuses.add(404);
  for (const status of operation.errors ?? []) statuses.add(status);
  return [...statuses].sort();
}

function operationObject(operation: AdminOperation, ids: { response: string; request?: string; events?: string }): JsonObject {
  const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
  // Server-sent events: each `data:` line holds one JSON document of the events schema.
  const events = ids.events ? { "text/event-stream": { schema: ref(ids.events) } } : {};
  const responses: JsonObject = { [String(operation.status ?? 200)]: { description: "Success.", content: { "application/json": { schema: ref(ids.response) }, ...events } } };
  for (const status of errorStatuses(operation)) responses[String(status)] = { description: ERROR_TEXT[status], content: { "application/json": { schema: ref("ErrorResponse") } } };
  return {
    operationId: operation.name.charAt(0).toLowerCase() + operation.name.slice(1),
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.roles ? `Roles: ${operation.roles}.` : "No token needed.",
    security: operation.roles ? [{ adminToken: [] }] : [],
    parameters: parametersOf(operation),
    ...(ids.request ? { requestBody: { required: true, content: { "application/json": { schema: ref(ids.request) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 description of the admin API, generated from the zod schemas the routes validate with. */
export function adminOpenApiDocument(version: string, operations: readonly AdminOperation[] = ADMIN_OPERATIONS): JsonObject {
  const { outputs, inputs, responseIds, requestIds } = registries(operations);
  const eventsId = (operation: AdminOperation) => (operation.events ? outputs.get(operation.events)?.id : undefined);
  const paths: Record<string, JsonObject> = {};
  for (const operation of operations) {
    const path = operation.path.replace(/:(\w+)/g, "{$1}");
    paths[path] = { ...paths[path], [operation.method]: operationObject(operation, { response: responseIds.get(operation)!, request: requestIds.get(operation), events: eventsId(operation) }) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "LLM Serve admin API",
      version,
      description:
        "Organizations, projects, keys, users, admin tokens, audit, models, quota policies and billing (plans, bills, spend, estimates). Every list pages the same way: `limit` (1–100 unless stated) and `after` (the previous page's `last_id`); answers carry `data`, `first_id`, `last_id` and `has_more`. Errors are OpenAI-shaped.",
    },
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { adminToken: { type: "http", scheme: "bearer", description: "An admin token (`llms-admin-…`), from the bootstrap file or `POST /admin/users/{userId}/tokens`." } },
      schemas: { ...componentsOf(inputs, "input"), ...componentsOf(outputs, "output") },
    },
  };
}
