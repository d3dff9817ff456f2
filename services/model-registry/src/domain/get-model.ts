import { AppError } from "@llm-serve/common";
import type { ModelRecord } from "./model-config.js";
import type { ModelStore } from "../store/model-store.js";

/** A model by id or alias, enabled or not. */
export async function getModel(deps: { models: ModelStore }, input: { id: string }): Promise<ModelRecord> {
  if (!input.id) throw new AppError("invalid_request", "model id is required", { details: { param: "id" } });
  const model = await deps.models.findByName(input.id);
  if (!model) throw new AppError("not_found", `model ${input.id} does not exist`, { details: { param: "id" } });
  return model;
}
