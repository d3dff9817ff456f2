import { AppError } from "@llm-serve/common";
import type { ModelStore, ModelVersionRow } from "../store/model-store.js";

/** The history of a model id, oldest first; it outlives the model's deletion. */
export async function listModelVersions(deps: { models: ModelStore }, input: { id: string }): Promise<ModelVersionRow[]> {
  const versions = await deps.models.versions(input.id);
  if (versions.length === 0) throw new AppError("not_found", `The model ${input.id} has no history.`, { details: { param: "id" } });
  return versions;
}
