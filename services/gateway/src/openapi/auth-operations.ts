import { z } from "zod";
import * as bodies from "../admin/auth-admin-bodies.js";
import type { AdminOperation } from "./admin-operation.js";
import * as views from "./admin-view-schemas.js";

const EVERYONE = "any admin role";
const ADMINS = "platform_admin, org_admin";
const KEY_MANAGERS = "platform_admin, org_admin, org_member";
const PLATFORM = "platform_admin";

/** The admin routes of the auth module: organizations, projects, keys, users, tokens, audit. */
export const AUTH_OPERATIONS: AdminOperation[] = [
  { method: "get", path: "/admin/me", name: "GetMe", tag: "identity", summary: "Who the admin token belongs to.", roles: EVERYONE, response: views.adminIdentity },
  {
    method: "post",
    path: "/admin/quickstart",
    name: "Quickstart",
    tag: "identity",
    summary: "First run: an organization, a project and an API key in one call (the key is shown once).",
    roles: PLATFORM,
    body: bodies.quickstartBody,
    status: 201,
    response: views.quickstartResult,
  },
  {
    method: "get",
    path: "/admin/audit",
    name: "ListAuditRecords",
    tag: "audit",
    summary:
      "The audit trail, newest first (`order=asc`: oldest first), filtered (up to 500 a page; `before`/`next_before` are the older cursor, kept for existing clients: newest first only, a 400 with `order=asc`).",
    roles: "platform_admin, org_admin, billing_viewer",
    query: bodies.auditQuery,
    response: views.auditRecord,
    list: { extra: { next_before: z.number().int().nullable() }, ordered: "desc" },
  },
  { method: "post", path: "/admin/organizations", name: "CreateOrganization", tag: "organizations", summary: "Create an organization.", roles: PLATFORM, body: bodies.organizationCreateBody, status: 201, response: views.organization },
  { method: "get", path: "/admin/organizations", name: "ListOrganizations", tag: "organizations", summary: "The organizations the caller can see.", roles: EVERYONE, response: views.organization, list: { ordered: true } },
  { method: "get", path: "/admin/organizations/:organizationId", name: "GetOrganization", tag: "organizations", summary: "One organization.", roles: EVERYONE, response: views.organization },
  { method: "patch", path: "/admin/organizations/:organizationId", name: "UpdateOrganization", tag: "organizations", summary: "Rename or change metadata.", roles: ADMINS, body: bodies.organizationUpdateBody, response: views.organization },
  { method: "delete", path: "/admin/organizations/:organizationId", name: "DeleteOrganization", tag: "organizations", summary: "Delete an organization.", roles: PLATFORM, response: views.deleted },
  { method: "post", path: "/admin/organizations/:organizationId/projects", name: "CreateProject", tag: "projects", summary: "Create a project in an organization.", roles: ADMINS, body: bodies.projectCreateBody, status: 201, response: views.project },
  { method: "get", path: "/admin/organizations/:organizationId/projects", name: "ListProjects", tag: "projects", summary: "The projects of an organization.", roles: EVERYONE, response: views.project, list: { ordered: true } },
  { method: "get", path: "/admin/projects/:projectId", name: "GetProject", tag: "projects", summary: "One project.", roles: EVERYONE, response: views.project },
  { method: "patch", path: "/admin/projects/:projectId", name: "UpdateProject", tag: "projects", summary: "Rename, attach quota policies, change metadata.", roles: ADMINS, body: bodies.projectUpdateBody, response: views.project },
  { method: "delete", path: "/admin/projects/:projectId", name: "DeleteProject", tag: "projects", summary: "Delete a project.", roles: ADMINS, response: views.deleted },
  { method: "post", path: "/admin/projects/:projectId/keys", name: "CreateKey", tag: "keys", summary: "Issue an API key (the key and its signing secret are shown once).", roles: KEY_MANAGERS, body: bodies.keyCreateBody, status: 201, response: views.issuedApiKey },
  { method: "get", path: "/admin/projects/:projectId/keys", name: "ListKeys", tag: "keys", summary: "The keys of a project (redacted).", roles: EVERYONE, response: views.apiKey, list: { ordered: true } },
  { method: "get", path: "/admin/keys/:keyId", name: "GetKey", tag: "keys", summary: "One key (redacted).", roles: EVERYONE, response: views.apiKey },
  { method: "patch", path: "/admin/keys/:keyId", name: "UpdateKey", tag: "keys", summary: "Change a key's limits, status or metadata.", roles: KEY_MANAGERS, body: bodies.keyUpdateBody, response: views.apiKey },
  {
    method: "post",
    path: "/admin/keys/:keyId/rotate",
    name: "RotateKey",
    tag: "keys",
    summary: "A new secret; the old one keeps working for the grace period.",
    roles: KEY_MANAGERS,
    body: bodies.keyRotateBody,
    response: views.issuedApiKey,
  },
  { method: "post", path: "/admin/keys/:keyId/revoke", name: "RevokeKey", tag: "keys", summary: "Revoke a key at once, on every gateway.", roles: KEY_MANAGERS, body: bodies.keyRevokeBody, response: views.apiKey },
  { method: "delete", path: "/admin/keys/:keyId", name: "DeleteKey", tag: "keys", summary: "Delete a key.", roles: KEY_MANAGERS, response: views.deleted },
  { method: "post", path: "/admin/users", name: "CreateUser", tag: "users", summary: "Create an admin user with a role.", roles: ADMINS, body: bodies.userCreateBody, status: 201, response: views.user },
  { method: "get", path: "/admin/users", name: "ListUsers", tag: "users", summary: "Admin users, optionally of one organization.", roles: ADMINS, query: bodies.userListQuery, response: views.user, list: { ordered: true } },
  { method: "get", path: "/admin/users/:userId", name: "GetUser", tag: "users", summary: "One admin user.", roles: EVERYONE, response: views.user },
  { method: "patch", path: "/admin/users/:userId", name: "UpdateUser", tag: "users", summary: "Rename, change role or status.", roles: ADMINS, body: bodies.userUpdateBody, response: views.user },
  { method: "delete", path: "/admin/users/:userId", name: "DeleteUser", tag: "users", summary: "Delete an admin user.", roles: ADMINS, response: views.deleted },
  {
    method: "post",
    path: "/admin/users/:userId/tokens",
    name: "IssueAdminToken",
    tag: "users",
    summary: "Issue an admin token (shown once). Every user manages their own; admins also others'.",
    roles: EVERYONE,
    body: bodies.tokenIssueBody,
    status: 201,
    response: views.issuedAdminToken,
  },
  { method: "get", path: "/admin/users/:userId/tokens", name: "ListAdminTokens", tag: "users", summary: "A user's admin tokens (redacted).", roles: EVERYONE, response: views.adminToken, list: { ordered: true } },
  { method: "delete", path: "/admin/users/:userId/tokens/:tokenId", name: "RevokeAdminToken", tag: "users", summary: "Revoke an admin token.", roles: EVERYONE, response: views.adminToken },
];
