import { z } from "zod";
import { policySpecSchema } from "@llm-serve/quota-engine";
import { adminModelSchema } from "../routing/admin-model-schema.js";
import type { AdminOperation } from "./admin-operation.js";
import * as quota from "./quota-view-schemas.js";
import * as routing from "./routing-view-schemas.js";

const EVERYONE = "any admin role";
const PLATFORM = "platform_admin";
const POLICY_WRITERS = "platform_admin, org_admin (own organization)";

/** The query parameters these routes read (the routes read them one by one; these state them). */
const expectedVersion = z.object({ expected_version: z.coerce.number().int().min(1).optional().describe("Refuse (409) unless the stored version is this one.") });
const modelListQuery = z.object({ include_disabled: z.enum(["true", "false"]).optional() });
const policyListQuery = z.object({
  scope: z.enum(["org", "project", "key"]).optional(),
  scope_id: z.string().optional(),
  org_id: z.string().optional().describe("Platform admins only; others always see their own organization's."),
});
const statusQuery = z.object({ stream: z.enum(["true", "false"]).optional().describe("`true` (or `Accept: text/event-stream`): server-sent events, one status per monitor interval.") });
const usageQuery = z.object({ subject_id: z.string().optional().describe("For a default policy: whose usage (an org, project or key id).") });

/** A PATCH of a policy: present keys replace, `null` removes a dimension, absent keys stay. */
const policyPatch = z
  .object(Object.fromEntries(Object.entries(policySpecSchema.shape).map(([key, schema]) => [key, (schema as z.ZodType).nullable().optional()])))
  .strict();

/** The admin routes of models, providers, routing state and quota policies. */
export const ROUTING_QUOTA_OPERATIONS: AdminOperation[] = [
  { method: "get", path: "/admin/models", name: "ListModels", tag: "models", summary: "Configured models with their deployments (credentials as a hint only).", roles: EVERYONE, query: modelListQuery, response: routing.modelConfig, list: { ordered: true } },
  {
    method: "post",
    path: "/admin/models",
    name: "CreateModel",
    tag: "models",
    summary: "Add a model with its deployments; each deployment is checked against its vendor first.",
    roles: PLATFORM,
    body: adminModelSchema,
    status: 201,
    response: routing.modelConfig,
    errors: [409],
  },
  { method: "get", path: "/admin/models/:model", name: "GetModel", tag: "models", summary: "One model, by id or alias.", roles: EVERYONE, response: routing.modelConfig },
  {
    method: "put",
    path: "/admin/models/:model",
    name: "ReplaceModel",
    tag: "models",
    summary: "Replace a model's configuration (a new version).",
    roles: PLATFORM,
    query: expectedVersion,
    body: adminModelSchema,
    response: routing.modelConfig,
    errors: [409],
  },
  { method: "delete", path: "/admin/models/:model", name: "DeleteModel", tag: "models", summary: "Delete a model.", roles: PLATFORM, query: expectedVersion, response: routing.modelDeleted, errors: [409] },
  { method: "get", path: "/admin/models/:model/versions", name: "ListModelVersions", tag: "models", summary: "Every version of a model's configuration.", roles: EVERYONE, response: routing.modelVersion, list: { ordered: true } },
  { method: "post", path: "/admin/models/:model/check", name: "CheckModel", tag: "models", summary: "Check every deployment against its vendor now.", roles: PLATFORM, response: routing.modelConfig },
  { method: "get", path: "/admin/providers", name: "ListProviders", tag: "models", summary: "Every provider type the gateway speaks, with its deployments' health.", roles: EVERYONE, response: routing.providerSummary, list: { ordered: true } },
  {
    method: "get",
    path: "/admin/routing",
    name: "ListRoutingState",
    tag: "models",
    summary: "This gateway instance's routing state per deployment (cursor: `model/deployment`).",
    roles: EVERYONE,
    response: routing.routingState,
    list: { ordered: true },
  },
  {
    method: "get",
    path: "/admin/status",
    name: "GetPlatformStatus",
    tag: "models",
    summary:
      "The platform's live status (services, infrastructure, every model's deployments and circuits), as JSON or as server-sent events every monitor interval; each event re-checks the caller, so a revoked token or ended session ends the stream.",
    roles: EVERYONE,
    query: statusQuery,
    response: routing.platformStatus,
    events: routing.platformStatusEvent,
  },
  {
    method: "get",
    path: "/admin/quota/policies",
    name: "ListQuotaPolicies",
    tag: "quota",
    summary: "Stored quota policies in id order (paged by the quota service; `next_after` equals `last_id` when there is more).",
    roles: EVERYONE,
    query: policyListQuery,
    response: quota.quotaPolicy,
    list: { extra: { next_after: z.string().nullable() }, ordered: true },
  },
  { method: "post", path: "/admin/quota/policies", name: "CreateQuotaPolicy", tag: "quota", summary: "Create a quota policy.", roles: POLICY_WRITERS, body: policySpecSchema, status: 201, response: quota.quotaPolicy, errors: [409] },
  { method: "get", path: "/admin/quota/policies/:policyId", name: "GetQuotaPolicy", tag: "quota", summary: "One policy (stored or default).", roles: EVERYONE, response: quota.quotaPolicy },
  {
    method: "patch",
    path: "/admin/quota/policies/:policyId",
    name: "UpdateQuotaPolicy",
    tag: "quota",
    summary: "Change a stored policy (default policies come from Nacos).",
    roles: POLICY_WRITERS,
    query: expectedVersion,
    body: policyPatch,
    response: quota.quotaPolicy,
    errors: [409],
  },
  { method: "delete", path: "/admin/quota/policies/:policyId", name: "DeleteQuotaPolicy", tag: "quota", summary: "Delete a stored policy.", roles: POLICY_WRITERS, response: quota.deletedPolicy },
  {
    method: "get",
    path: "/admin/quota/policies/:policyId/usage",
    name: "GetQuotaUsage",
    tag: "quota",
    summary: "Live usage of each dimension of a policy (cursor: `subject_id/dimension`).",
    roles: EVERYONE,
    query: usageQuery,
    response: quota.quotaUsage,
    list: { ordered: true },
  },
  { method: "get", path: "/admin/quota/settings", name: "GetQuotaSettings", tag: "quota", summary: "Prices, thresholds, time zone and default policies in force.", roles: EVERYONE, response: quota.quotaSettings },
  { method: "post", path: "/admin/quota/rebuild", name: "RebuildQuotaCounters", tag: "quota", summary: "Rebuild the Redis counters from the usage ledger.", roles: PLATFORM, response: quota.quotaRebuild },
];
