import type { ModelRecord } from "./model-config.js";
import type { ModelStore } from "../store/model-store.js";

export async function listModels(deps: { models: ModelStore }, input: { includeDisabled?: boolean } = {}): Promise<ModelRecord[]> {
  return deps.models.list(input);
}
