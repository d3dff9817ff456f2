import type { ModelRecord } from "./model.js";
import type { ModelStore } from "../store/model-store.js";

export async function listModels(deps: { models: ModelStore }): Promise<ModelRecord[]> {
  return deps.models.list();
}
