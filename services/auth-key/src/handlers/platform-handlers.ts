import type { ServiceHandlers } from "@llm-serve/grpc";
import type { authKeyV1 } from "@llm-serve/proto";
import type { AuthKeyDeps } from "../domain/deps.js";
import { queryAudit } from "../domain/query-audit.js";
import { quickstart } from "../domain/quickstart.js";
import { actorOf, dateFrom, toProtoAuditRecord, toProtoKey, toProtoOrganization, toProtoProject, toProtoSecret } from "./proto-mapping.js";

type Handlers = ServiceHandlers<typeof authKeyV1.AuthAdminServiceService>;

export function createPlatformHandlers(deps: AuthKeyDeps): Pick<Handlers, "quickstart" | "listAuditRecords"> {
  return {
    quickstart: async (request, context) => {
      const result = await quickstart(deps, actorOf(request.actor, context), { organizationName: request.organizationName, projectName: request.projectName, keyName: request.keyName });
      return { organization: toProtoOrganization(result.organization), project: toProtoProject(result.project), key: toProtoKey(result.key), secret: toProtoSecret(result.secret) };
    },
    listAuditRecords: async (request, context) => {
      const page = await queryAudit(deps, actorOf(request.actor, context), {
        orgId: request.orgId,
        actorId: request.actorId,
        action: request.action,
        resourceType: request.resourceType,
        resourceId: request.resourceId,
        since: dateFrom(request.sinceMs) ?? undefined,
        until: dateFrom(request.untilMs) ?? undefined,
        beforeSequence: request.beforeSequence,
        afterId: request.afterId,
        order: request.order,
        limit: request.limit || undefined,
      });
      return { records: page.records.map(toProtoAuditRecord), nextBeforeSequence: page.nextBeforeSequence, hasMore: page.hasMore };
    },
  };
}
