// Generated from openapi/admin-openapi.json by scripts/api-description.mjs: do not edit.
export interface paths {
    "/admin/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alert rules in id order, with whether each is firing (paged by analytics).
         * @description Roles: platform_admin, org_admin, org_member (own organization's rules).
         */
        get: operations["listAlertRules"];
        put?: never;
        /**
         * Create an alert rule; its webhook secret is sealed at rest and never returned.
         * @description Roles: platform_admin (any rule), org_admin (own organization's rules).
         */
        post: operations["createAlertRule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/alerts/rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One alert rule.
         * @description Roles: platform_admin, org_admin, org_member (own organization's rules).
         */
        get: operations["getAlertRule"];
        /**
         * Replace an alert rule's fields (an absent webhook_secret keeps the stored one).
         * @description Roles: platform_admin (any rule), org_admin (own organization's rules).
         */
        put: operations["updateAlertRule"];
        post?: never;
        /**
         * Delete an alert rule with its incidents and pending deliveries.
         * @description Roles: platform_admin (any rule), org_admin (own organization's rules).
         */
        delete: operations["deleteAlertRule"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/alerts/rules/{ruleId}/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A rule's firing history: its incidents, newest first, each fired once and resolved once (or still firing).
         * @description Roles: platform_admin, org_admin, org_member (own organization's rules).
         */
        get: operations["listAlertIncidents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail, newest first (`order=asc`: oldest first), filtered (up to 500 a page; `before`/`next_before` are the older cursor, kept for existing clients: newest first only, a 400 with `order=asc`).
         * @description Roles: platform_admin, org_admin, billing_viewer.
         */
        get: operations["listAuditRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/accounts/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * An org's billing cycle: anchor day and time zone.
         * @description Roles: platform_admin.
         */
        put: operations["setBillingAccount"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An org's closed bills, newest first (paged by billing).
         * @description Roles: platform_admin, org_admin (own organization), billing_viewer (own organization).
         */
        get: operations["listBills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/bills/{billId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One frozen bill as JSON, or its line items as CSV (`format=csv`, text/csv).
         * @description Roles: platform_admin, org_admin (own organization), billing_viewer (own organization).
         */
        get: operations["getBill"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/cycles/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close every due cycle now (one org's, or all).
         * @description Roles: platform_admin.
         */
        post: operations["closeDueCycles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The cost of token counts, or of an API request body, with the plan in force.
         * @description Roles: any admin role.
         */
        post: operations["estimateCost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/modifiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Price modifiers, by scope.
         * @description Roles: platform_admin.
         */
        get: operations["listPriceModifiers"];
        put?: never;
        /**
         * An org or project multiplier (ppm) from its effective time on.
         * @description Roles: platform_admin.
         */
        post: operations["createPriceModifier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/pending": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage held because no plan prices it yet.
         * @description Roles: platform_admin.
         */
        get: operations["getPendingUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Price plans with every version, in id order (paged by billing).
         * @description Roles: any admin role.
         */
        get: operations["listPricePlans"];
        put?: never;
        /**
         * Create a price plan with its first version.
         * @description Roles: platform_admin.
         */
        post: operations["createPricePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/plans/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One price plan with every version.
         * @description Roles: any admin role.
         */
        get: operations["getPricePlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/plans/{planId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append a version (effective later than the last one); versions are never edited.
         * @description Roles: platform_admin.
         */
        post: operations["addPricePlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/billing/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Month-to-date spend of an org and a forecast to the cycle end.
         * @description Roles: platform_admin, org_admin (own organization), billing_viewer (own organization).
         */
        get: operations["getSpend"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One key (redacted).
         * @description Roles: any admin role.
         */
        get: operations["getKey"];
        put?: never;
        post?: never;
        /**
         * Delete a key.
         * @description Roles: platform_admin, org_admin, org_member.
         */
        delete: operations["deleteKey"];
        options?: never;
        head?: never;
        /**
         * Change a key's limits, status or metadata.
         * @description Roles: platform_admin, org_admin, org_member.
         */
        patch: operations["updateKey"];
        trace?: never;
    };
    "/admin/keys/{keyId}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a key at once, on every gateway.
         * @description Roles: platform_admin, org_admin, org_member.
         */
        post: operations["revokeKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new secret; the old one keeps working for the grace period.
         * @description Roles: platform_admin, org_admin, org_member.
         */
        post: operations["rotateKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who the admin token belongs to.
         * @description Roles: any admin role.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Configured models with their deployments (credentials as a hint only).
         * @description Roles: any admin role.
         */
        get: operations["listModels"];
        put?: never;
        /**
         * Add a model with its deployments; each deployment is checked against its vendor first.
         * @description Roles: platform_admin.
         */
        post: operations["createModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/models/{model}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One model, by id or alias.
         * @description Roles: any admin role.
         */
        get: operations["getModel"];
        /**
         * Replace a model's configuration (a new version).
         * @description Roles: platform_admin.
         */
        put: operations["replaceModel"];
        post?: never;
        /**
         * Delete a model.
         * @description Roles: platform_admin.
         */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/models/{model}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check every deployment against its vendor now.
         * @description Roles: platform_admin.
         */
        post: operations["checkModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/models/{model}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of a model's configuration.
         * @description Roles: any admin role.
         */
        get: operations["listModelVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This description (OpenAPI 3.1). Needs no token: it holds no data, only the shape of the API.
         * @description No token needed.
         */
        get: operations["getOpenApiDescription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organizations the caller can see.
         * @description Roles: any admin role.
         */
        get: operations["listOrganizations"];
        put?: never;
        /**
         * Create an organization.
         * @description Roles: platform_admin.
         */
        post: operations["createOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/organizations/{organizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization.
         * @description Roles: any admin role.
         */
        get: operations["getOrganization"];
        put?: never;
        post?: never;
        /**
         * Delete an organization.
         * @description Roles: platform_admin.
         */
        delete: operations["deleteOrganization"];
        options?: never;
        head?: never;
        /**
         * Rename or change metadata.
         * @description Roles: platform_admin, org_admin.
         */
        patch: operations["updateOrganization"];
        trace?: never;
    };
    "/admin/organizations/{organizationId}/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The projects of an organization.
         * @description Roles: any admin role.
         */
        get: operations["listProjects"];
        put?: never;
        /**
         * Create a project in an organization.
         * @description Roles: platform_admin, org_admin.
         */
        post: operations["createProject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One project.
         * @description Roles: any admin role.
         */
        get: operations["getProject"];
        put?: never;
        post?: never;
        /**
         * Delete a project.
         * @description Roles: platform_admin, org_admin.
         */
        delete: operations["deleteProject"];
        options?: never;
        head?: never;
        /**
         * Rename, attach quota policies, change metadata.
         * @description Roles: platform_admin, org_admin.
         */
        patch: operations["updateProject"];
        trace?: never;
    };
    "/admin/projects/{projectId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The keys of a project (redacted).
         * @description Roles: any admin role.
         */
        get: operations["listKeys"];
        put?: never;
        /**
         * Issue an API key (the key and its signing secret are shown once).
         * @description Roles: platform_admin, org_admin, org_member.
         */
        post: operations["createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every provider type the gateway speaks, with its deployments' health.
         * @description Roles: any admin role.
         */
        get: operations["listProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/quickstart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * First run: an organization, a project and an API key in one call (the key is shown once).
         * @description Roles: platform_admin.
         */
        post: operations["quickstart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/quota/policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stored quota policies in id order (paged by the quota service; `next_after` equals `last_id` when there is more).
         * @description Roles: any admin role.
         */
        get: operations["listQuotaPolicies"];
        put?: never;
        /**
         * Create a quota policy.
         * @description Roles: platform_admin, org_admin (own organization).
         */
        post: operations["createQuotaPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/quota/policies/{policyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One policy (stored or default).
         * @description Roles: any admin role.
         */
        get: operations["getQuotaPolicy"];
        put?: never;
        post?: never;
        /**
         * Delete a stored policy.
         * @description Roles: platform_admin, org_admin (own organization).
         */
        delete: operations["deleteQuotaPolicy"];
        options?: never;
        head?: never;
        /**
         * Change a stored policy (default policies come from Nacos).
         * @description Roles: platform_admin, org_admin (own organization).
         */
        patch: operations["updateQuotaPolicy"];
        trace?: never;
    };
    "/admin/quota/policies/{policyId}/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live usage of each dimension of a policy (cursor: `subject_id/dimension`).
         * @description Roles: any admin role.
         */
        get: operations["getQuotaUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/quota/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rebuild the Redis counters from the usage ledger.
         * @description Roles: platform_admin.
         */
        post: operations["rebuildQuotaCounters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/quota/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prices, thresholds, time zone and default policies in force.
         * @description Roles: any admin role.
         */
        get: operations["getQuotaSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/routing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This gateway instance's routing state per deployment (cursor: `model/deployment`).
         * @description Roles: any admin role.
         */
        get: operations["listRoutingState"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in, and the session's CSRF token (after a page reload).
         * @description Roles: every admin role (the session is the token's: same role, same organization).
         */
        get: operations["getConsoleSession"];
        put?: never;
        /**
         * Sign in to the console: send the admin token once as `Authorization: Bearer`; the answer sets the HttpOnly, SameSite=Strict session cookie and carries the CSRF token. Cookie requests that change state must send `X-CSRF-Token` (else 403 csrf_token_invalid).
         * @description Roles: every admin role (the session is the token's: same role, same organization).
         */
        post: operations["createConsoleSession"];
        /**
         * Sign out: deletes the session and clears its cookie.
         * @description Roles: every admin role (the session is the token's: same role, same organization).
         */
        delete: operations["deleteConsoleSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform's live status (services, infrastructure, every model's deployments and circuits), as JSON or as server-sent events every monitor interval; each event re-checks the caller, so a revoked token or ended session ends the stream.
         * @description Roles: any admin role.
         */
        get: operations["getPlatformStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage report of [start, end): calls, success rate, errors by type, tokens by kind, latency and TTFT percentiles (merged DDSketches, 1% relative accuracy), cost from billing's ledger, top keys and models, trend. `format=csv`: the groups as a CSV file (text/csv).
         * @description Roles: platform_admin, org_admin (own organization), billing_viewer (own organization).
         */
        get: operations["getUsageReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Admin users, optionally of one organization.
         * @description Roles: platform_admin, org_admin.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Create an admin user with a role.
         * @description Roles: platform_admin, org_admin.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One admin user.
         * @description Roles: any admin role.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        /**
         * Delete an admin user.
         * @description Roles: platform_admin, org_admin.
         */
        delete: operations["deleteUser"];
        options?: never;
        head?: never;
        /**
         * Rename, change role or status.
         * @description Roles: platform_admin, org_admin.
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/admin/users/{userId}/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's admin tokens (redacted).
         * @description Roles: any admin role.
         */
        get: operations["listAdminTokens"];
        put?: never;
        /**
         * Issue an admin token (shown once). Every user manages their own; admins also others'.
         * @description Roles: any admin role.
         */
        post: operations["issueAdminToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/users/{userId}/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an admin token.
         * @description Roles: any admin role.
         */
        delete: operations["revokeAdminToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddPricePlanVersionRequest: {
            /** Format: date-time */
            effective_from?: string;
            rules: {
                /** @default  */
                deployment_id?: string;
                /** @default  */
                model?: string;
                prices: {
                    /** @default 0 */
                    audio_micros_per_second?: number;
                    cached_input_read_per_million?: number;
                    cached_input_write_per_million?: number;
                    embedding_per_million?: number;
                    /** @default [] */
                    images?: {
                        micros_per_image: number;
                        /** @default  */
                        quality?: string;
                        /** @default  */
                        size?: string;
                    }[];
                    /** @default 0 */
                    input_per_million?: number;
                    /** @default 0 */
                    micros_per_request?: number;
                    /** @default 0 */
                    output_per_million?: number;
                    reasoning_per_million?: number;
                };
                /** @default  */
                provider?: string;
            }[];
            /**
             * @description Graduated volume discounts by the org's monthly spend on the plan, applied per cycle on its whole volume (bill and month-to-date items of kind volume_tier).
             * @default []
             */
            volume_tiers?: {
                /** @description Where the tier starts: the org's spend on this plan in the cycle, in micro-units. */
                from_micros: number;
                /** @description The tier's multiplier in ppm (a discount: 900000 = 10 % off that part of the spend). */
                multiplier_ppm: number;
            }[];
        };
        AdminIdentity: {
            /** @constant */
            object: "admin_identity";
            organization_id: string | null;
            role: components["schemas"]["AdminRole"];
            user_id: string;
        };
        /** @enum {string} */
        AdminRole: "platform_admin" | "org_admin" | "org_member" | "billing_viewer";
        AdminToken: {
            created_at: string | null;
            expires_at: string | null;
            id: string;
            name: string;
            /** @constant */
            object: "admin_token";
            redacted_value: string;
            revoked_at: string | null;
            user_id: string;
        };
        ApiKey: {
            allowed_endpoints: string[];
            allowed_models: string[];
            created_at: string | null;
            created_by: string;
            expires_at: string | null;
            id: string;
            ip_allow_list: string[];
            metadata: {
                [key: string]: unknown;
            };
            name: string;
            /** @constant */
            object: "api_key";
            organization_id: string;
            previous_secret_expires_at: string | null;
            project_id: string;
            quota_policy_ids: string[];
            /** @description The key's prefix and last four characters; the key itself is shown once. */
            redacted_value: string;
            require_signature: boolean;
            revoked_at: string | null;
            rotated_at: string | null;
            status: string;
            updated_at: string | null;
        };
        AuditRecord: {
            action: string;
            actor: {
                id: string;
                ip: string;
                role: string;
            };
            /** @description The resource after the change (secrets never included). */
            after: unknown;
            /** @description The resource before the change (secrets never included). */
            before: unknown;
            id: string;
            /** @constant */
            object: "audit_record";
            occurred_at: string | null;
            organization_id: string | null;
            request_id: string;
            resource: {
                id: string;
                type: string;
            };
            sequence: number;
        };
        Bill: {
            closed_at: string;
            cycle_end: string;
            cycle_start: string;
            id: string;
            items: {
                adjustment: boolean;
                amount_micros: number;
                currency: string;
                estimated_requests: number;
                key_id: string;
                /**
                 * @description `volume_tier`: the cycle's volume discount on `plan_id` (negative); `usage`: ledger lines.
                 * @enum {string}
                 */
                kind: "usage" | "volume_tier";
                model: string;
                plan_id: string;
                project_id: string;
                requests: number;
            }[];
            ledger_lines: number;
            /** @constant */
            object: "billing.bill";
            org_id: string;
            totals: {
                amount_micros: number;
                currency: string;
            }[];
        };
        BillingAccount: {
            anchor_day: number;
            /** @constant */
            object: "billing.account";
            org_id: string;
            timezone: string;
        };
        CloseDueCyclesRequest: {
            /** @default  */
            org_id?: string;
        };
        CloseDueCyclesResponse: {
            data: components["schemas"]["Bill"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        CostEstimate: {
            amount_micros: number;
            currency: string;
            model: string;
            /** @constant */
            object: "billing.estimate";
            /** @description Whose modifiers priced it: the caller's own organization unless a platform admin named one. */
            org_id: string | null;
            plan_id: string;
            plan_version: number;
            project_id: string | null;
            quantities: {
                embedding_tokens: number;
                input_tokens: number;
                output_tokens: number;
                requests: number;
            };
        };
        CreateAlertRuleRequest: {
            /**
             * @description budget: the budget in micro-units of `currency` per `period`; `threshold` is the percent of it whose spend fires.
             * @default 0
             */
            budget_micros?: number;
            /**
             * @description budget: ISO 4217 code of the ledger lines counted, e.g. USD.
             * @default
             */
            currency?: string;
            /**
             * @description `<model>/<deployment>`: one deployment instead of a whole model.
             * @default
             */
            deployment?: string;
            /** @default true */
            enabled?: boolean;
            /**
             * @description budget: only this API key's spend (it must belong to the rule's organization).
             * @default
             */
            key_id?: string;
            /**
             * @description error_rate: percent of failed attempts; latency_p99: milliseconds; quota_exceeded: refusals in the window; model_status_error: the registry says the model or deployment is in error; no_healthy_instance: a service with none (platform admins); budget: percent of budget_micros spent in the current period (billing's ledger).
             * @enum {string}
             */
            kind: "error_rate" | "latency_p99" | "quota_exceeded" | "model_status_error" | "no_healthy_instance" | "budget";
            /**
             * @description Fewer samples in the window than this never fire an error_rate or latency_p99 rule.
             * @default 10
             */
            min_requests?: number;
            /**
             * @description The public model watched (empty: every model of the rule's scope).
             * @default
             */
            model?: string;
            name: string;
            /**
             * @description Platform admins: the organization the rule belongs to (empty: platform-wide). An org admin may only name its own.
             * @default
             */
            org_id?: string;
            /**
             * @description budget: the UTC calendar day or month the spend is summed over; a new period starts from zero.
             * @default
             * @enum {string}
             */
            period?: "" | "day" | "month";
            /**
             * @description budget: only this project's spend (it must belong to the rule's organization).
             * @default
             */
            project_id?: string;
            /**
             * @description The service a no_healthy_instance rule watches, e.g. `billing`.
             * @default
             */
            service?: string;
            /** @default 0 */
            threshold?: number;
            /** @description Write-only: signs each delivery (HMAC-SHA256, header `llmserve-signature`). On update, absent keeps the stored one. */
            webhook_secret?: string;
            /** @default  */
            webhook_url?: string | "";
            /** @default 300 */
            window_seconds?: number;
        };
        CreateAlertRuleResponse: {
            budget_micros: number;
            created_at: string;
            currency: string;
            deployment: string;
            enabled: boolean;
            id: string;
            key_id: string;
            kind: string;
            min_requests: number;
            model: string;
            name: string;
            /** @constant */
            object: "alert_rule";
            org_id: string;
            period: string;
            project_id: string;
            service: string;
            /** @enum {string} */
            state: "ok" | "firing";
            threshold: number;
            updated_at: string;
            webhook_secret_set: boolean;
            webhook_url: string;
            window_seconds: number;
        };
        CreateConsoleSessionResponse: {
            /** @description Send it as X-CSRF-Token on every state-changing request made with the session cookie; null when the caller used a bearer token. */
            csrf_token: string | null;
            /** @description When the session ends (ISO 8601); null without a session. */
            expires_at: string | null;
            /** @constant */
            object: "console_session";
            organization_id: string | null;
            /** @enum {string} */
            role: "platform_admin" | "org_admin" | "org_member" | "billing_viewer";
            user_id: string;
        };
        CreateKeyRequest: {
            allowed_endpoints?: string[];
            allowed_models?: string[];
            expires_at?: (string | number) | null;
            ip_allow_list?: string[];
            metadata?: {
                [key: string]: unknown;
            };
            name: string;
            quota_policy_ids?: string[];
            require_signature?: boolean;
        };
        CreateModelRequest: {
            aliases?: string[];
            capability?: {
                context_window?: number;
                endpoints?: string[];
                max_output_tokens?: number;
                supports_streaming?: boolean;
                supports_tools?: boolean;
                supports_vision?: boolean;
            };
            deployments: {
                base_url?: string;
                credentials?: {
                    api_key?: string;
                    headers?: {
                        [key: string]: string;
                    };
                    secret_key?: string;
                };
                enabled?: boolean;
                id?: string;
                options?: {
                    api_version?: string;
                    app_id?: string;
                    /** @enum {string} */
                    auth_mode?: "key" | "jwt";
                    deployments?: {
                        [key: string]: string;
                    };
                    mock_embedding_dimensions?: number;
                    mock_stream_delay_ms?: number;
                    model_endpoints?: {
                        [key: string]: string;
                    };
                    organization?: string;
                    project?: string;
                };
                priority?: number;
                provider_type: string;
                rpm?: number;
                tags?: string[];
                tpm?: number;
                upstream_model: string;
                weight?: number;
            }[];
            description?: string;
            enabled?: boolean;
            id: string;
            owned_by?: string;
            price_plan_id: string;
            routing?: {
                fallbacks?: {
                    model: string;
                    on: string[];
                }[];
                strategy?: string;
            };
            runtime?: {
                bounds?: {
                    max_tokens?: number;
                    temperature?: {
                        max: number;
                        min: number;
                    };
                    top_p?: {
                        max: number;
                        min: number;
                    };
                };
                default_parameters?: {
                    [key: string]: unknown;
                };
                max_retries?: number;
                override_parameters?: {
                    [key: string]: unknown;
                };
                timeouts?: {
                    connect_ms?: number;
                    first_byte_ms?: number;
                    idle_ms?: number;
                    total_ms?: number;
                };
            };
        };
        CreateOrganizationRequest: {
            metadata?: {
                [key: string]: unknown;
            };
            name: string;
        };
        CreatePriceModifierRequest: {
            /** Format: date-time */
            effective_from?: string;
            multiplier_ppm: number;
            /** @enum {string} */
            scope: "org" | "project";
            scope_id: string;
        };
        CreatePricePlanRequest: {
            currency: string;
            /** Format: date-time */
            effective_from?: string;
            id: string;
            /** @default  */
            name?: string;
            rules: {
                /** @default  */
                deployment_id?: string;
                /** @default  */
                model?: string;
                prices: {
                    /** @default 0 */
                    audio_micros_per_second?: number;
                    cached_input_read_per_million?: number;
                    cached_input_write_per_million?: number;
                    embedding_per_million?: number;
                    /** @default [] */
                    images?: {
                        micros_per_image: number;
                        /** @default  */
                        quality?: string;
                        /** @default  */
                        size?: string;
                    }[];
                    /** @default 0 */
                    input_per_million?: number;
                    /** @default 0 */
                    micros_per_request?: number;
                    /** @default 0 */
                    output_per_million?: number;
                    reasoning_per_million?: number;
                };
                /** @default  */
                provider?: string;
            }[];
            /**
             * @description Graduated volume discounts by the org's monthly spend on the plan, applied per cycle on its whole volume (bill and month-to-date items of kind volume_tier).
             * @default []
             */
            volume_tiers?: {
                /** @description Where the tier starts: the org's spend on this plan in the cycle, in micro-units. */
                from_micros: number;
                /** @description The tier's multiplier in ppm (a discount: 900000 = 10 % off that part of the spend). */
                multiplier_ppm: number;
            }[];
        };
        CreateProjectRequest: {
            metadata?: {
                [key: string]: unknown;
            };
            name: string;
            quota_policy_ids?: string[];
        };
        CreateQuotaPolicyRequest: {
            admission_wait_ms?: number;
            cost_budget?: {
                limit_micros: number;
                period: string;
            };
            /**
             * @default closed
             * @enum {string}
             */
            fail_mode?: "open" | "closed";
            max_concurrent_requests?: number;
            /** @default  */
            model?: string;
            /** @default  */
            org_id?: string;
            requests_per_minute?: number;
            /** @enum {string} */
            scope: "org" | "project" | "key";
            /** @default  */
            scope_id?: string;
            /** @default  */
            timezone?: string;
            token_budget?: {
                limit: number;
                period: string;
            };
            tokens_per_minute?: number;
            warning_thresholds_bps?: number[];
        };
        CreateUserRequest: {
            email?: string;
            name: string;
            organization_id?: string;
            /** @enum {string} */
            role: "platform_admin" | "org_admin" | "org_member" | "billing_viewer";
        };
        DeleteConsoleSessionResponse: {
            /** @constant */
            deleted: true;
            id: string;
            /** @constant */
            object: "console_session";
        };
        Deleted: {
            /** @constant */
            deleted: true;
            id: string;
            object: string;
        };
        DeletedPolicy: {
            /** @constant */
            deleted: true;
            id: string;
            /** @constant */
            object: "quota_policy.deleted";
        };
        /** @description Every error answer of the gateway, shaped as OpenAI's. */
        ErrorResponse: {
            error: {
                code: string | null;
                message: string;
                /** @description The parameter at fault, when there is one. */
                param: string | null;
                /** @description OpenAI's error type, e.g. invalid_request_error, authentication_error, permission_error. */
                type: string;
            };
        };
        EstimateCostRequest: {
            /** Format: date-time */
            at?: string;
            /** @default  */
            deployment_id?: string;
            model: string;
            /** @default  */
            org_id?: string;
            /** @default  */
            project_id?: string;
            /** @default  */
            provider?: string;
            request?: {
                [key: string]: unknown;
            };
            usage?: {
                /** @default 0 */
                audio_seconds?: number;
                /** @default 0 */
                cached_input_read_tokens?: number;
                /** @default 0 */
                cached_input_write_tokens?: number;
                /** @default 0 */
                embedding_tokens?: number;
                /** @default  */
                image_quality?: string;
                /** @default  */
                image_size?: string;
                /** @default 0 */
                images?: number;
                /** @default 0 */
                input_tokens?: number;
                /** @default 0 */
                output_tokens?: number;
                /** @default 0 */
                reasoning_tokens?: number;
                /** @default 1 */
                requests?: number;
            };
        };
        GetOpenApiDescriptionResponse: {
            info: {
                title: string;
                version: string;
            } & {
                [key: string]: unknown;
            };
            openapi: string;
            paths: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        GetQuotaUsageResponse: {
            data: components["schemas"]["QuotaUsage"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        GetUsageReportResponse: {
            completion_tokens: number;
            end: string;
            group_by: string[];
            groups: {
                dimensions: {
                    [key: string]: string;
                };
                metrics: {
                    attempts: number;
                    cancelled: number;
                    cost: {
                        amount: string;
                        amount_micros: number;
                        currency: string;
                        lines: number;
                    }[] | null;
                    errors_by_type: {
                        [key: string]: number;
                    };
                    failed: number;
                    latency_ms: {
                        count: number;
                        max: number;
                        mean: number;
                        p50: number;
                        p90: number;
                        p99: number;
                    };
                    requests: number;
                    succeeded: number;
                    success_rate: number | null;
                    time_to_first_token_ms: {
                        count: number;
                        max: number;
                        mean: number;
                        p50: number;
                        p90: number;
                        p99: number;
                    };
                    tokens: {
                        audio_milliseconds: number;
                        cached_prompt_tokens: number;
                        completion_tokens: number;
                        images: number;
                        prompt_tokens: number;
                        reasoning_tokens: number;
                        total_tokens: number;
                    };
                };
            }[];
            /** @constant */
            object: "usage";
            org_id: string | null;
            project_id: string | null;
            prompt_tokens: number;
            relative_accuracy: number;
            requests: number;
            start: string;
            top_keys: {
                name: string;
                requests: number;
                total_tokens: number;
            }[];
            top_models: {
                name: string;
                requests: number;
                total_tokens: number;
            }[];
            total_tokens: number;
            totals: {
                attempts: number;
                cancelled: number;
                cost: {
                    amount: string;
                    amount_micros: number;
                    currency: string;
                    lines: number;
                }[] | null;
                errors_by_type: {
                    [key: string]: number;
                };
                failed: number;
                latency_ms: {
                    count: number;
                    max: number;
                    mean: number;
                    p50: number;
                    p90: number;
                    p99: number;
                };
                requests: number;
                succeeded: number;
                success_rate: number | null;
                time_to_first_token_ms: {
                    count: number;
                    max: number;
                    mean: number;
                    p50: number;
                    p90: number;
                    p99: number;
                };
                tokens: {
                    audio_milliseconds: number;
                    cached_prompt_tokens: number;
                    completion_tokens: number;
                    images: number;
                    prompt_tokens: number;
                    reasoning_tokens: number;
                    total_tokens: number;
                };
            };
            trend: {
                bucket_start: string;
                metrics: {
                    attempts: number;
                    cancelled: number;
                    cost: {
                        amount: string;
                        amount_micros: number;
                        currency: string;
                        lines: number;
                    }[] | null;
                    errors_by_type: {
                        [key: string]: number;
                    };
                    failed: number;
                    latency_ms: {
                        count: number;
                        max: number;
                        mean: number;
                        p50: number;
                        p90: number;
                        p99: number;
                    };
                    requests: number;
                    succeeded: number;
                    success_rate: number | null;
                    time_to_first_token_ms: {
                        count: number;
                        max: number;
                        mean: number;
                        p50: number;
                        p90: number;
                        p99: number;
                    };
                    tokens: {
                        audio_milliseconds: number;
                        cached_prompt_tokens: number;
                        completion_tokens: number;
                        images: number;
                        prompt_tokens: number;
                        reasoning_tokens: number;
                        total_tokens: number;
                    };
                };
            }[];
        };
        IssueAdminTokenRequest: {
            expires_at?: (string | number) | null;
            name?: string;
        };
        IssuedAdminToken: {
            created_at: string | null;
            expires_at: string | null;
            id: string;
            name: string;
            /** @constant */
            object: "admin_token";
            redacted_value: string;
            revoked_at: string | null;
            /** @description The admin token, shown in this answer only. */
            token: string;
            user_id: string;
        };
        IssuedApiKey: {
            allowed_endpoints: string[];
            allowed_models: string[];
            created_at: string | null;
            created_by: string;
            expires_at: string | null;
            id: string;
            ip_allow_list: string[];
            /** @description The API key, shown in this answer only. */
            key: string;
            metadata: {
                [key: string]: unknown;
            };
            name: string;
            /** @constant */
            object: "api_key";
            organization_id: string;
            previous_secret_expires_at: string | null;
            project_id: string;
            quota_policy_ids: string[];
            /** @description The key's prefix and last four characters; the key itself is shown once. */
            redacted_value: string;
            require_signature: boolean;
            revoked_at: string | null;
            rotated_at: string | null;
            /** @description The request-signing secret (x-llms-* headers), shown in this answer only. */
            signing_secret: string;
            status: string;
            updated_at: string | null;
        };
        ListAdminTokensResponse: {
            data: components["schemas"]["AdminToken"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListAlertIncidentsResponse: {
            data: {
                fired_at: string;
                fired_value: number;
                id: string;
                /** @constant */
                object: "alert_incident";
                resolved_at: string | null;
                resolved_value: number | null;
                rule_id: string;
                /** @enum {string} */
                state: "firing" | "resolved";
            }[];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListAlertRulesResponse: {
            data: components["schemas"]["CreateAlertRuleResponse"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListAuditRecordsResponse: {
            data: components["schemas"]["AuditRecord"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            next_before: number | null;
            /** @constant */
            object: "list";
        };
        ListBillsResponse: {
            data: components["schemas"]["Bill"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListKeysResponse: {
            data: components["schemas"]["ApiKey"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListModelVersionsResponse: {
            data: components["schemas"]["ModelVersion"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListModelsResponse: {
            data: components["schemas"]["ModelConfig"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListOrganizationsResponse: {
            data: components["schemas"]["Organization"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListPriceModifiersResponse: {
            data: components["schemas"]["PriceModifier"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListPricePlansResponse: {
            data: components["schemas"]["PricePlan"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListProjectsResponse: {
            data: components["schemas"]["Project"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListProvidersResponse: {
            data: components["schemas"]["ProviderSummary"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListQuotaPoliciesResponse: {
            data: components["schemas"]["QuotaPolicy"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            next_after: string | null;
            /** @constant */
            object: "list";
        };
        ListRoutingStateResponse: {
            data: components["schemas"]["RoutingState"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ListUsersResponse: {
            data: components["schemas"]["User"][];
            /** @description The cursor of the first item; null when the page is empty. */
            first_id: string | null;
            has_more: boolean;
            /** @description The cursor of the last item: pass it as `after` for the next page. */
            last_id: string | null;
            /** @constant */
            object: "list";
        };
        ModelConfig: {
            aliases: string[];
            capability?: {
                context_window: number;
                endpoints: string[];
                max_output_tokens: number;
                supports_streaming: boolean;
                supports_tools: boolean;
                supports_vision: boolean;
            };
            created_at_ms: number;
            deployments: {
                base_url: string;
                check_latency_ms: number;
                checked_at_ms: number;
                /** @description Credentials go in, never out: whether they are set and the key's last characters. */
                credentials?: {
                    api_key_hint: string;
                    has_api_key: boolean;
                    has_secret_key: boolean;
                    header_names: string[];
                };
                enabled: boolean;
                id: string;
                options?: {
                    api_version?: string;
                    app_id?: string;
                    auth_mode?: string;
                    deployments?: {
                        [key: string]: string;
                    };
                    mock_embedding_dimensions?: number;
                    mock_stream_delay_ms?: number;
                    model_endpoints?: {
                        [key: string]: string;
                    };
                    organization?: string;
                    project?: string;
                } & {
                    [key: string]: unknown;
                };
                priority: number;
                provider_type: string;
                rpm: number;
                /** @description available | error | disabled | unknown */
                status: string;
                status_reason: string;
                tags: string[];
                tpm: number;
                upstream_model: string;
                weight: number;
            }[];
            description: string;
            enabled: boolean;
            endpoints: string[];
            id: string;
            /** @constant */
            object: "model_config";
            owned_by: string;
            price_plan_id: string;
            provider_type: string;
            routing?: {
                fallbacks: {
                    model: string;
                    on: string[];
                }[];
                strategy: string;
            };
            runtime: {
                bounds?: {
                    max_tokens: number;
                    temperature?: {
                        max: number;
                        min: number;
                    };
                    top_p?: {
                        max: number;
                        min: number;
                    };
                };
                default_parameters: {
                    [key: string]: unknown;
                };
                max_retries: number;
                override_parameters: {
                    [key: string]: unknown;
                };
                timeouts?: {
                    connect_ms: number;
                    first_byte_ms: number;
                    idle_ms: number;
                    total_ms: number;
                };
            };
            /** @description available | error | disabled */
            status: string;
            status_reason: string;
            updated_at_ms: number;
            version: number;
        };
        ModelDeleted: {
            /** @constant */
            deleted: true;
            id: string;
            /** @constant */
            object: "model_config";
        };
        ModelVersion: {
            change: string;
            /** @description Unix seconds. */
            changed_at: number;
            model: components["schemas"]["ModelConfig"] | null;
            version: number;
        };
        Organization: {
            created_at: string | null;
            id: string;
            metadata: {
                [key: string]: unknown;
            };
            name: string;
            /** @constant */
            object: "organization";
            updated_at: string | null;
        };
        PendingUsage: {
            events: number;
            /** @constant */
            object: "billing.pending_usage";
            oldest_received_at: string | null;
        };
        /** @description The platform's state as this gateway sees it: services in Nacos, Postgres/Redis/Kafka, every model's deployments with their circuits (the document of GET /v1/status). */
        PlatformStatus: {
            gateway: {
                instance_id: string;
                uptime_seconds: number;
                version: string;
            };
            infrastructure: {
                [key: string]: {
                    error?: string;
                    latency_ms: number;
                    /** @enum {string} */
                    status: "up" | "down";
                };
            };
            models: {
                deployments: {
                    /** @enum {string} */
                    circuit: "closed" | "open" | "half_open";
                    error_rate: number;
                    id: string;
                    provider: string;
                    reason: string;
                    recent_attempts: number;
                    recent_failures: number;
                    registry_status: string;
                    /** @enum {string} */
                    status: "available" | "degraded" | "unavailable" | "error" | "disabled";
                }[];
                id: string;
                reason: string;
                registry_status: string;
                /** @enum {string} */
                status: "available" | "degraded" | "unavailable" | "error" | "disabled";
            }[];
            services: {
                [key: string]: {
                    healthy_instances: number;
                    instances: {
                        address: string;
                        healthy: boolean;
                        id: string;
                        version: string;
                    }[];
                    /** @enum {string} */
                    status: "up" | "degraded" | "down" | "unknown";
                };
            };
            /** @enum {string} */
            status: "operational" | "degraded";
        };
        /** @description One `data:` event of the status stream (`?stream=true` or `Accept: text/event-stream`). */
        PlatformStatusEvent: {
            status: components["schemas"]["PlatformStatus"];
            timestamp: string;
        };
        PriceModifier: {
            created_at: string;
            effective_from: string;
            id: string;
            multiplier_ppm: number;
            /** @constant */
            object: "billing.price_modifier";
            scope: string;
            scope_id: string;
        };
        PricePlan: {
            created_at: string;
            currency: string;
            id: string;
            name: string;
            /** @constant */
            object: "billing.price_plan";
            versions: {
                created_at: string;
                effective_from: string;
                rules: {
                    deployment_id: string;
                    model: string;
                    prices: {
                        audio_micros_per_second: number;
                        cached_input_read_per_million?: number;
                        cached_input_write_per_million?: number;
                        embedding_per_million?: number;
                        images: {
                            micros_per_image: number;
                            quality: string;
                            size: string;
                        }[];
                        input_per_million: number;
                        micros_per_request: number;
                        output_per_million: number;
                        reasoning_per_million?: number;
                    };
                    provider: string;
                }[];
                version: number;
                volume_tiers: {
                    from_micros: number;
                    multiplier_ppm: number;
                }[];
            }[];
        };
        Project: {
            created_at: string | null;
            id: string;
            metadata: {
                [key: string]: unknown;
            };
            name: string;
            /** @constant */
            object: "project";
            organization_id: string;
            quota_policy_ids: string[];
            updated_at: string | null;
        };
        ProviderSummary: {
            available: number;
            deployments: number;
            error: number;
            id: string;
            models: string[];
            /** @constant */
            object: "provider";
        };
        QuickstartRequest: {
            key?: string;
            organization?: string;
            project?: string;
        };
        QuickstartResult: {
            api_key: components["schemas"]["IssuedApiKey"];
            /** @description The API key again, for scripts. */
            key: string;
            organization: components["schemas"]["Organization"];
            project: components["schemas"]["Project"];
        };
        QuotaPolicy: {
            /** @description How long a request may wait for a concurrency slot (0: refused at once). */
            admission_wait_ms: number;
            cost_budget: {
                limit_micros: number;
                period: string;
            } | null;
            fail_mode: string;
            id: string;
            is_default: boolean;
            max_concurrent_requests: number | null;
            model: string;
            /** @constant */
            object: "quota_policy";
            org_id: string;
            /**
             * @description Who created it; only that level or above may change it.
             * @enum {string}
             */
            owner: "platform" | "org";
            requests_per_minute: number | null;
            scope: string;
            scope_id: string;
            timezone: string;
            token_budget: {
                limit: number;
                period: string;
            } | null;
            tokens_per_minute: number | null;
            version: number;
            warning_thresholds_bps: number[];
        };
        QuotaRebuild: {
            buckets: number;
            duration_ms: number;
            /** @constant */
            object: "quota_rebuild";
        };
        QuotaSettings: {
            default_policies: components["schemas"]["QuotaPolicy"][];
            /** @constant */
            object: "quota_settings";
            prices: {
                [key: string]: {
                    completion_micros_per_million_tokens: number;
                    prompt_micros_per_million_tokens: number;
                };
            };
            timezone: string;
            /** @description Changes whenever a policy or a setting changes. */
            version: string;
            warning_thresholds_bps: number[];
        };
        QuotaUsage: {
            dimension: string;
            held: number;
            kind: string;
            limit: number;
            /** @constant */
            object: "quota_usage";
            /** @description The start of the current period. */
            period_start: string;
            policy_id: string;
            remaining: number;
            /** @description When the period next resets. */
            reset_at: string;
            subject_id: string;
            used: number;
        };
        RevokeKeyRequest: {
            reason?: string;
        };
        RotateKeyRequest: {
            grace_period_seconds?: number;
        };
        /** @description This gateway instance's live view of one deployment. */
        RoutingState: {
            /** @description closed | open | half_open, as this gateway instance sees it. */
            circuit: string;
            deployment: string;
            in_flight: number;
            last_minute: {
                requests: number;
                tokens: number;
            };
            latency_ewma_ms: number | null;
            model: string;
            provider: string;
            registry_healthy: boolean;
        };
        SetBillingAccountRequest: {
            /** @default 1 */
            anchor_day?: number;
            /** @default UTC */
            timezone?: string;
        };
        Spend: {
            cycle_end: string;
            cycle_start: string;
            forecast_to_cycle_end: {
                amount_micros: number;
                currency: string;
            }[];
            items: {
                amount_micros: number;
                currency: string;
                key_id: string;
                /** @enum {string} */
                kind: "usage" | "volume_tier";
                model: string;
                plan_id: string;
                project_id: string;
                requests: number;
            }[];
            /** @constant */
            object: "billing.spend";
            org_id: string;
            totals: {
                amount_micros: number;
                currency: string;
            }[];
        };
        UpdateKeyRequest: {
            allowed_endpoints?: string[];
            allowed_models?: string[];
            expires_at?: (string | number) | null;
            ip_allow_list?: string[];
            metadata?: {
                [key: string]: unknown;
            };
            name?: string;
            quota_policy_ids?: string[];
            require_signature?: boolean;
            /** @enum {string} */
            status?: "active" | "disabled";
        };
        UpdateOrganizationRequest: {
            metadata?: {
                [key: string]: unknown;
            };
            name?: string;
        };
        UpdateProjectRequest: {
            metadata?: {
                [key: string]: unknown;
            };
            name?: string;
            quota_policy_ids?: string[];
        };
        UpdateQuotaPolicyRequest: {
            admission_wait_ms?: number | null;
            cost_budget?: {
                limit_micros: number;
                period: string;
            } | null;
            fail_mode?: ("open" | "closed") | null;
            max_concurrent_requests?: number | null;
            model?: string | null;
            org_id?: string | null;
            requests_per_minute?: number | null;
            scope?: ("org" | "project" | "key") | null;
            scope_id?: string | null;
            timezone?: string | null;
            token_budget?: {
                limit: number;
                period: string;
            } | null;
            tokens_per_minute?: number | null;
            warning_thresholds_bps?: number[] | null;
        };
        UpdateUserRequest: {
            name?: string;
            /** @enum {string} */
            role?: "platform_admin" | "org_admin" | "org_member" | "billing_viewer";
            /** @enum {string} */
            status?: "active" | "disabled";
        };
        User: {
            created_at: string | null;
            email: string;
            id: string;
            name: string;
            /** @constant */
            object: "user";
            organization_id: string | null;
            role: string;
            status: string;
            updated_at: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAlertRules: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListAlertRulesResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateAlertRuleResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateAlertRuleResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateAlertRuleResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteAlertRule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deleted"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listAlertIncidents: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `desc` (default): newest first, as the list's summary says; `asc`: oldest first. `after` walks on in the order asked for. */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListAlertIncidentsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listAuditRecords: {
        parameters: {
            query?: {
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `desc` (default): newest first, as the list's summary says; `asc`: oldest first. `after` walks on in the order asked for. */
                order?: "asc" | "desc";
                organization_id?: string;
                actor_id?: string;
                action?: string;
                resource_type?: string;
                resource_id?: string;
                since?: string;
                until?: string;
                before?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListAuditRecordsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    setBillingAccount: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetBillingAccountRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingAccount"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listBills: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `desc` (default): newest first, as the list's summary says; `asc`: oldest first. `after` walks on in the order asked for. */
                order?: "asc" | "desc";
                /** @description Platform admins: any organization (required for them); others: only their own, the default. */
                org_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListBillsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getBill: {
        parameters: {
            query?: {
                /** @description `csv`: the bill's line items as a CSV file. */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                billId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bill"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    closeDueCycles: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseDueCyclesRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CloseDueCyclesResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    estimateCost: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EstimateCostRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CostEstimate"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPriceModifiers: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
                scope?: "org" | "project";
                scope_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListPriceModifiersResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createPriceModifier: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePriceModifierRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PriceModifier"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPendingUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingUsage"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listPricePlans: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListPricePlansResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createPricePlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePricePlanRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricePlan"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPricePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                planId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricePlan"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    addPricePlanVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                planId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddPricePlanVersionRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PricePlan"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getSpend: {
        parameters: {
            query?: {
                /** @description Platform admins: any organization (required for them); others: only their own, the default. */
                org_id?: string;
                group_by?: "project" | "key" | "model";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Spend"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deleted"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateKeyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RevokeKeyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rotateKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateKeyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedApiKey"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminIdentity"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listModels: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
                include_disabled?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListModelsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateModelRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelConfig"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelConfig"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    replaceModel: {
        parameters: {
            query?: {
                /** @description Refuse (409) unless the stored version is this one. */
                expected_version?: number;
            };
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateModelRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelConfig"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteModel: {
        parameters: {
            query?: {
                /** @description Refuse (409) unless the stored version is this one. */
                expected_version?: number;
            };
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDeleted"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    checkModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelConfig"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listModelVersions: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                model: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListModelVersionsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getOpenApiDescription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetOpenApiDescriptionResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listOrganizations: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListOrganizationsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganizationRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deleted"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganizationRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listProjects: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListProjectsResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                organizationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProjectRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deleted"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateProject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProjectRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Project"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listKeys: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListKeysResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateKeyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedApiKey"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listProviders: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListProvidersResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    quickstart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickstartRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickstartResult"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listQuotaPolicies: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
                scope?: "org" | "project" | "key";
                scope_id?: string;
                /** @description Platform admins only; others always see their own organization's. */
                org_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListQuotaPoliciesResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createQuotaPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateQuotaPolicyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaPolicy"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getQuotaPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaPolicy"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteQuotaPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletedPolicy"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateQuotaPolicy: {
        parameters: {
            query?: {
                /** @description Refuse (409) unless the stored version is this one. */
                expected_version?: number;
            };
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateQuotaPolicyRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaPolicy"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A conflict: the id exists, or `expected_version` is not the stored version. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getQuotaUsage: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
                /** @description For a default policy: whose usage (an org, project or key id). */
                subject_id?: string;
            };
            header?: never;
            path: {
                policyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetQuotaUsageResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    rebuildQuotaCounters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaRebuild"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getQuotaSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotaSettings"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listRoutingState: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListRoutingStateResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateConsoleSessionResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateConsoleSessionResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteConsoleSessionResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getPlatformStatus: {
        parameters: {
            query?: {
                /** @description `true` (or `Accept: text/event-stream`): server-sent events, one status per monitor interval. */
                stream?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformStatus"];
                    "text/event-stream": components["schemas"]["PlatformStatusEvent"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUsageReport: {
        parameters: {
            query?: {
                /** @description RFC 3339 or Unix seconds; rounded down to the minute. Default: the UTC midnight 30 days before `end` (a whole day: minute rollups of then may be deleted, docs/analytics.md). */
                start?: string;
                /** @description RFC 3339 or Unix seconds, exclusive; rounded up to the minute. Default: now. */
                end?: string;
                /** @description Comma-separated: any of org, project, key, model, provider, deployment, status. */
                group_by?: string;
                model?: string;
                /** @description A key id. */
                key?: string;
                /** @description A project id. */
                project?: string;
                /** @description One trend point per bucket of this size. */
                trend?: "minute" | "hour" | "day";
                /** @description Length of the top keys and top models lists (default 10). */
                top?: number;
                /** @description The organization; platform admins may omit it (every org), others get their own. */
                org_id?: string;
                /** @description `csv`: the groups (or totals) as a CSV file. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUsageReportResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
                organization_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListUsersResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deleted"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    listAdminTokens: {
        parameters: {
            query?: {
                /** @description How many items to return, 1–100 (default 100). */
                limit?: number;
                /** @description A cursor: the `last_id` of the previous page. The page starts with the item after it. A cursor that names no item of this list (unknown, another organization's, outside the filters, or deleted since) is a 400 `invalid_request_error` with `param` `after`: start again from the first page. */
                after?: string;
                /** @description `asc` (default): the list's own order, as its summary says; `desc`: the same list from its end. */
                order?: "asc" | "desc";
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListAdminTokensResponse"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    issueAdminToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueAdminTokenRequest"];
            };
        };
        responses: {
            /** @description Success. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedAdminToken"];
                };
            };
            /** @description Invalid request: the body or a query parameter (named in `error.param`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    revokeAdminToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminToken"];
                };
            };
            /** @description No admin token, or not a valid one. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this, or the resource is in another organization. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such resource (or not visible to the caller). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many failed token attempts from this address. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An internal error, reported with the request id only. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A service behind the gateway is unavailable. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
