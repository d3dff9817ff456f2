import { AppError } from "@llm-serve/common";
import { snapshotOf } from "./build-record.js";
import type { RegistryDeps } from "./registry-deps.js";
import { assertVersion } from "./update-model.js";

/** Deletes a model; its history stays, ending with a `deleted` version. */
export async function deleteModel(deps: RegistryDeps, input: { id: string; expectedVersion?: number }, requestId?: string): Promise<void> {
  await deps.models.transaction(async (store, trx) => {
    const model = await store.findForUpdate(input.id);
    if (!model) throw new AppError("not_found", `The model ${input.id} does not exist.`, { details: { param: "id" } });
    assertVersion(model, input.expectedVersion);
    const version = model.version + 1;
    await store.delete(model.id);
    await store.appendVersion(model.id, version, "deleted", snapshotOf({ ...model, version }));
    await deps.events.enqueue(trx, [
      deps.events.configUpdated(model.id, version, "deleted", requestId),
      deps.events.statusChanged({ modelId: model.id, deploymentId: "", previousStatus: model.status, status: "disabled", reason: "deleted", modelVersion: version }, requestId),
    ]);
  });
  deps.events.sent();
}
