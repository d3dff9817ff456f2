import { AppError } from "@llm-serve/common";
import { z } from "zod";
import { AFTER_DESCRIPTION, newestFirstOrderQuery } from "../openapi/list-page.js";

const name = z.string().min(1).max(200);
const metadata = z.record(z.string(), z.unknown());
const strings = z.array(z.string().max(200)).max(100);
/** RFC 3339 time or Unix seconds; `null` means "none". */
const time = z.union([z.iso.datetime({ offset: true }), z.number().int().positive()]).nullable();

export const organizationCreateBody = z.strictObject({ name, metadata: metadata.optional() });
export const organizationUpdateBody = z.strictObject({ name: name.optional(), metadata: metadata.optional() });
export const projectCreateBody = z.strictObject({ name, quota_policy_ids: strings.optional(), metadata: metadata.optional() });
export const projectUpdateBody = z.strictObject({ name: name.optional(), quota_policy_ids: strings.optional(), metadata: metadata.optional() });

const keyFields = {
  allowed_models: strings.optional(),
  allowed_endpoints: strings.optional(),
  expires_at: time.optional(),
  ip_allow_list: strings.optional(),
  metadata: metadata.optional(),
  require_signature: z.boolean().optional(),
  quota_policy_ids: strings.optional(),
};
export const keyCreateBody = z.strictObject({ name, ...keyFields });
export const keyUpdateBody = z.strictObject({ name: name.optional(), status: z.enum(["active", "disabled"]).optional(), ...keyFields });
export const keyRotateBody = z.strictObject({ grace_period_seconds: z.number().int().min(0).optional() });
export const keyRevokeBody = z.strictObject({ reason: z.string().max(500).optional() });

const role = z.enum(["platform_admin", "org_admin", "org_member", "billing_viewer"]);
export const userCreateBody = z.strictObject({ name, email: z.string().max(300).optional(), role, organization_id: z.string().optional() });
export const userUpdateBody = z.strictObject({ name: name.optional(), role: role.optional(), status: z.enum(["active", "disabled"]).optional() });
export const tokenIssueBody = z.strictObject({ name: z.string().max(200).optional(), expires_at: time.optional() });
export const quickstartBody = z.strictObject({ organization: name.optional(), project: name.optional(), key: name.optional() });

export const auditQuery = z.object({
  organization_id: z.string().optional(),
  actor_id: z.string().optional(),
  action: z.string().optional(),
  resource_type: z.string().optional(),
  resource_id: z.string().optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }).optional(),
  /** The admin API's cursor: the `last_id` of the previous page (older records follow). */
  after: z.string().min(1).optional().describe(AFTER_DESCRIPTION),
  /** Older cursor by sequence (`next_before`), kept for existing clients. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  ...newestFirstOrderQuery.shape,
});
export const userListQuery = z.object({ organization_id: z.string().optional() });

/** Validates a body or query; the first problem becomes a 400 naming its parameter. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.infer<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  throw new AppError("invalid_request", path ? `${path}: ${issue?.message}` : (issue?.message ?? "invalid request"), { details: { param: path || null } });
}

/** Milliseconds since the epoch, or 0 for none. */
export function timeToMs(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value * 1000 : Date.parse(value);
}
