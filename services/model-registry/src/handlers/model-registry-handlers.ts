import type { ServiceHandlers } from "@llm-serve/grpc";
import { modelRegistryV1 } from "@llm-serve/proto";
import { getModel } from "../domain/get-model.js";
import { listModels } from "../domain/list-models.js";
import type { ModelRecord } from "../domain/model.js";
import type { ModelStore } from "../store/model-store.js";

function toProto(model: ModelRecord): modelRegistryV1.Model {
  return {
    id: model.id,
    version: model.version,
    providerType: model.providerType,
    ownedBy: model.ownedBy,
    status: model.status,
    createdAtMs: model.createdAt.getTime(),
    endpoints: model.endpoints,
  };
}

export function createModelRegistryHandlers(deps: { models: ModelStore }): ServiceHandlers<typeof modelRegistryV1.ModelRegistryServiceService> {
  return {
    listModels: async () => ({ models: (await listModels(deps)).map(toProto) }),
    getModel: async (request) => ({ model: toProto(await getModel(deps, { id: request.id })) }),
  };
}
