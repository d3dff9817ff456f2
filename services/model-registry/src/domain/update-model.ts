import { AppError } from "@llm-serve/common";
import { buildRecord, draftDeployments, snapshotOf } from "./build-record.js";
import { carriedCredentials } from "./carried-credentials.js";
import { checkModel } from "./check-model.js";
import type { DeploymentHealth, ModelInput, ModelRecord } from "./model-config.js";
import type { RegistryDeps } from "./registry-deps.js";
import { statusChanges } from "./status-changes.js";
import { validateModelInput } from "./validate-model-input.js";

const UNCHECKED: DeploymentHealth = { status: "unknown", statusReason: "", checkedAt: null, checkLatencyMs: 0 };

/**
 * Replaces a model's configuration and bumps its version. Deployments sent without credentials
 * keep the stored ones (an administrator never sees them in full), unless their provider or base
 * URL changed: then the credentials must be sent again (400 naming the field). The vendors are
 * probed only after the change is committed, with what was committed; deployments whose endpoint
 * stayed keep their health until then, the others are `unknown`.
 */
export async function updateModel(deps: RegistryDeps, input: ModelInput, expectedVersion?: number, requestId?: string): Promise<ModelRecord> {
  const current = await deps.models.findByName(input.id);
  if (!current || current.id !== input.id) throw new AppError("not_found", `The model ${input.id} does not exist.`, { details: { param: "id" } });
  assertVersion(current, expectedVersion);
  const { stored, moved } = carriedCredentials(deps.vault, current, input);
  validateModelInput(input, stored, moved);
  const drafts = draftDeployments(input, stored);
  const previousHealth = new Map(current.deployments.map(({ id, status, statusReason, checkedAt, checkLatencyMs }) => [id, { status, statusReason, checkedAt, checkLatencyMs }]));
  const healths = drafts.map((draft) => (stored.has(draft.id) ? (previousHealth.get(draft.id) ?? UNCHECKED) : UNCHECKED));
  const model = await deps.models.transaction(async (store, trx) => {
    const locked = await store.findForUpdate(input.id);
    if (!locked) throw new AppError("not_found", `The model ${input.id} does not exist.`, { details: { param: "id" } });
    if (locked.version !== current.version) throw new AppError("conflict", `The model ${input.id} changed while this update was checked; read it again and retry.`);
    const record = buildRecord(deps.vault, input, drafts, healths, { version: current.version + 1, createdAt: current.createdAt, updatedAt: deps.now() });
    await store.replace(record);
    await store.appendVersion(record.id, record.version, "updated", snapshotOf(record));
    const events = [deps.events.configUpdated(record.id, record.version, "updated", requestId), ...statusChanges(locked, record).map((change) => deps.events.statusChanged(change, requestId))];
    await deps.events.enqueue(trx, events);
    return record;
  });
  deps.events.sent();
  // The probe reads the committed configuration back: nothing reaches a vendor that was not stored.
  return checkModel(deps, { id: model.id }, requestId).catch(() => model);
}

export function assertVersion(model: ModelRecord, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined || expectedVersion === model.version) return;
  throw new AppError("conflict", `The model ${model.id} is at version ${model.version}, not ${expectedVersion}.`, { details: { param: "expected_version" } });
}
