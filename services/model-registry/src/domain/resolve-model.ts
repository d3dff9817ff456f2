import { AppError } from "@llm-serve/common";
import type { ModelRecord } from "./model-config.js";
import type { ModelStore } from "../store/model-store.js";

/** A public name or alias to the enabled model behind it. */
export async function resolveModel(deps: { models: ModelStore }, input: { name: string }): Promise<ModelRecord> {
  const model = input.name ? await deps.models.findByName(input.name) : undefined;
  if (!model || !model.enabled) {
    throw new AppError("not_found", `The model \`${input.name}\` does not exist.`, { details: { param: "model", openaiCode: "model_not_found" } });
  }
  return model;
}
