import { buildRecord, draftDeployments, snapshotOf } from "./build-record.js";
import type { ModelInput, ModelRecord } from "./model-config.js";
import type { RegistryDeps } from "./registry-deps.js";
import { statusChanges } from "./status-changes.js";
import { validateModelInput } from "./validate-model-input.js";

/**
 * Creates a model (architecture §3.2.2): checks every invariant, initialises each deployment's
 * adapter against its vendor, then stores the configuration with the resulting statuses, the first
 * version of its history and its events in one transaction. A vendor that refuses the credentials
 * does not refuse the model: it is stored with status `error` and the vendor's reason, to be fixed
 * by an update.
 */
export async function createModel(deps: RegistryDeps, input: ModelInput, requestId?: string): Promise<ModelRecord> {
  validateModelInput(input);
  const drafts = draftDeployments(input, new Map());
  const healths = await deps.prober.probeAll(drafts);
  const now = deps.now();
  const model = await deps.models.transaction(async (store, trx) => {
    const version = (await store.lastVersion(input.id)) + 1;
    const record = buildRecord(deps.vault, input, drafts, healths, { version, createdAt: now, updatedAt: now });
    await store.insert(record);
    await store.appendVersion(record.id, record.version, "created", snapshotOf(record));
    const events = [deps.events.configUpdated(record.id, record.version, "created", requestId), ...statusChanges(undefined, record).map((change) => deps.events.statusChanged(change, requestId))];
    await deps.events.enqueue(trx, events);
    return record;
  });
  deps.events.sent();
  return model;
}
