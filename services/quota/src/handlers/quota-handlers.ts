import { AppError } from "@llm-serve/common";
import type { ServiceHandlers } from "@llm-serve/grpc";
import type { quotaV1 } from "@llm-serve/proto";
import { createPolicy } from "../domain/create-policy.js";
import { deletePolicy } from "../domain/delete-policy.js";
import { getPolicySnapshot } from "../domain/get-policy-snapshot.js";
import { getPolicy } from "../domain/get-policy.js";
import { getUsage } from "../domain/get-usage.js";
import { listPolicies } from "../domain/list-policies.js";
import type { QuotaDeps } from "../domain/quota-deps.js";
import { updatePolicy } from "../domain/update-policy.js";
import type { RebuildReport } from "../events/rebuild-watcher.js";
import { policyToProto, snapshotToProto, usageToProto, writtenPolicyFromProto } from "./policy-proto.js";

export function createQuotaHandlers(deps: QuotaDeps, rebuildNow: () => Promise<RebuildReport | undefined>): ServiceHandlers<typeof quotaV1.QuotaServiceService> {
  return {
    getPolicy: async (request) => ({ policy: policyToProto(await getPolicy(deps, { id: request.id })) }),
    listPolicies: async (request) => {
      const page = await listPolicies(deps, request);
      return { policies: page.policies.map(policyToProto), nextPageToken: page.nextPageToken };
    },
    createPolicy: async (request) => ({ policy: policyToProto(await createPolicy(deps, { policy: writtenPolicyFromProto(request.policy), owner: request.policy?.owner })) }),
    updatePolicy: async (request) => ({
      policy: policyToProto(
        await updatePolicy(deps, { id: request.policy?.id ?? "", policy: writtenPolicyFromProto(request.policy), expectedVersion: request.expectedVersion || undefined }),
      ),
    }),
    deletePolicy: async (request) => {
      await deletePolicy(deps, { id: request.id });
      return {};
    },
    getPolicySnapshot: async () => snapshotToProto(await getPolicySnapshot(deps)),
    getUsage: async (request) => ({ usage: (await getUsage(deps, { policyId: request.policyId, subjectId: request.subjectId })).map(usageToProto) }),
    rebuildCounters: async () => {
      const report = await rebuildNow();
      if (!report) throw new AppError("unavailable", "the counters could not be rebuilt now (Redis unreachable or another rebuild running)");
      return report;
    },
  };
}
