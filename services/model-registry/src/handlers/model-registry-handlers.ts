import type { ServiceHandlers } from "@llm-serve/grpc";
import type { modelRegistryV1 } from "@llm-serve/proto";
import { checkModel } from "../domain/check-model.js";
import { createModel } from "../domain/create-model.js";
import { deleteModel } from "../domain/delete-model.js";
import { getModel } from "../domain/get-model.js";
import { listModelVersions } from "../domain/list-model-versions.js";
import { listModels } from "../domain/list-models.js";
import { listRoutingTable } from "../domain/list-routing-table.js";
import type { ModelRecord } from "../domain/model-config.js";
import type { RegistryDeps } from "../domain/registry-deps.js";
import { resolveModel } from "../domain/resolve-model.js";
import { updateModel } from "../domain/update-model.js";
import { modelInputFromProto } from "./model-input-from-proto.js";
import { modelToProto, routingModelToProto } from "./model-to-proto.js";

export function createModelRegistryHandlers(deps: RegistryDeps): ServiceHandlers<typeof modelRegistryV1.ModelRegistryServiceService> {
  return {
    listModels: async (request) => ({ models: (await listModels(deps, { includeDisabled: request.includeDisabled })).map(modelToProto) }),
    getModel: async (request) => ({ model: modelToProto(await getModel(deps, { id: request.id })) }),
    createModel: async (request, context) => ({ model: modelToProto(await createModel(deps, modelInputFromProto(request.model), context.requestId)) }),
    updateModel: async (request, context) => ({
      model: modelToProto(await updateModel(deps, modelInputFromProto(request.model), request.expectedVersion, context.requestId)),
    }),
    deleteModel: async (request, context) => {
      await deleteModel(deps, { id: request.id, expectedVersion: request.expectedVersion }, context.requestId);
      return {};
    },
    resolveModel: async (request) => ({ model: modelToProto(await resolveModel(deps, { name: request.name })) }),
    listModelVersions: async (request) => ({
      versions: (await listModelVersions(deps, { id: request.id })).map((version) => ({
        version: version.version,
        change: version.change,
        changedAtMs: version.changedAt.getTime(),
        model: modelToProto(reviveSnapshot(version.snapshot)),
      })),
    }),
    checkModel: async (request, context) => ({ model: modelToProto(await checkModel(deps, { id: request.id }, context.requestId)) }),
    listRoutingTable: async () => ({ models: (await listRoutingTable(deps)).map(routingModelToProto) }),
  };
}

/** History snapshots are JSON: dates come back as strings. */
function reviveSnapshot(snapshot: unknown): ModelRecord {
  const model = snapshot as ModelRecord & { createdAt: string; updatedAt: string };
  return {
    ...model,
    createdAt: new Date(model.createdAt),
    updatedAt: new Date(model.updatedAt),
    deployments: model.deployments.map((deployment) => ({ ...deployment, sealedCredentials: null, checkedAt: deployment.checkedAt ? new Date(deployment.checkedAt) : null })),
  };
}
