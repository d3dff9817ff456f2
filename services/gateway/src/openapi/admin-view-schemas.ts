import { z } from "zod";

/**
 * The answers of the admin API as zod schemas: the description is generated from them, and the
 * route test validates every real answer against that description, so a view that changes shape
 * without its schema fails the test. Times are RFC 3339 strings, null when there is none.
 */
const time = z.iso.datetime().nullable();
const metadata = z.record(z.string(), z.unknown());
const strings = z.array(z.string());

export const errorResponse = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string().describe("OpenAI's error type, e.g. invalid_request_error, authentication_error, permission_error."),
      param: z.string().nullable().describe("The parameter at fault, when there is one."),
      code: z.string().nullable(),
    }),
  })
  .meta({ description: "Every error answer of the gateway, shaped as OpenAI's." });

export const organization = z
  .object({ object: z.literal("organization"), id: z.string(), name: z.string(), metadata, created_at: time, updated_at: time });

export const project = z
  .object({ object: z.literal("project"), id: z.string(), organization_id: z.string(), name: z.string(), quota_policy_ids: strings, metadata, created_at: time, updated_at: time });

const keyFields = {
  object: z.literal("api_key"),
  id: z.string(),
  project_id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  redacted_value: z.string().describe("The key's prefix and last four characters; the key itself is shown once."),
  status: z.string(),
  allowed_models: strings,
  allowed_endpoints: strings,
  expires_at: time,
  ip_allow_list: strings,
  metadata,
  require_signature: z.boolean(),
  quota_policy_ids: strings,
  created_by: z.string(),
  created_at: time,
  updated_at: time,
  revoked_at: time,
  rotated_at: time,
  previous_secret_expires_at: time,
};
export const apiKey = z.object(keyFields);
export const issuedApiKey = z
  .object({ ...keyFields, key: z.string().describe("The API key, shown in this answer only."), signing_secret: z.string().describe("The request-signing secret (x-llms-* headers), shown in this answer only.") });

export const adminRole = z.enum(["platform_admin", "org_admin", "org_member", "billing_viewer"]);

export const user = z
  .object({ object: z.literal("user"), id: z.string(), name: z.string(), email: z.string(), role: z.string(), organization_id: z.string().nullable(), status: z.string(), created_at: time, updated_at: time });

const tokenFields = { object: z.literal("admin_token"), id: z.string(), user_id: z.string(), name: z.string(), redacted_value: z.string(), expires_at: time, revoked_at: time, created_at: time };
export const adminToken = z.object(tokenFields);
export const issuedAdminToken = z.object({ ...tokenFields, token: z.string().describe("The admin token, shown in this answer only.") });

export const auditRecord = z
  .object({
    object: z.literal("audit_record"),
    id: z.string(),
    sequence: z.number().int(),
    occurred_at: time,
    actor: z.object({ id: z.string(), role: z.string(), ip: z.string() }),
    action: z.string(),
    resource: z.object({ type: z.string(), id: z.string() }),
    organization_id: z.string().nullable(),
    request_id: z.string(),
    before: z.unknown().describe("The resource before the change (secrets never included)."),
    after: z.unknown().describe("The resource after the change (secrets never included)."),
  });

export const adminIdentity = z
  .object({ object: z.literal("admin_identity"), user_id: z.string(), role: adminRole, organization_id: z.string().nullable() });

export const quickstartResult = z
  .object({ organization, project, api_key: issuedApiKey, key: z.string().describe("The API key again, for scripts.") });

export const deleted = z.object({ object: z.string(), id: z.string(), deleted: z.literal(true) });
