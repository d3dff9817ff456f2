import { createLogger } from "@llm-serve/common";
import { modelRegistryV1 } from "@llm-serve/proto";
import { describe, expect, it } from "vitest";
import { ModelTable } from "./model-table.js";

const logger = createLogger({ service: "test", version: "test", level: "silent" });

describe("ModelTable.refresh", () => {
  it("waits, when a load is under way, for one that starts after the call (which sees a change made meanwhile)", async () => {
    let stored = ["old-model"];
    const pending: Array<() => void> = [];
    const table = new ModelTable(async () => {
      const snapshot = [...stored];
      await new Promise<void>((resolve) => pending.push(resolve));
      return snapshot.map((id) => modelRegistryV1.RoutingModel.fromPartial({ id }));
    }, logger);
    const first = table.refresh();
    stored = ["old-model", "new-model"]; // an admin write lands while the first load is reading
    const afterWrite = table.refresh();
    const alsoAfterWrite = table.refresh();
    let settled = false;
    void afterWrite.then(() => (settled = true));
    pending.shift()!();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(table.resolve("new-model")).toBeUndefined();
    expect(settled).toBe(false); // the stale load does not answer a caller that came after the write
    expect(pending).toHaveLength(1); // one more load for both later callers, not two
    pending.shift()!();
    await Promise.all([afterWrite, alsoAfterWrite]);
    expect(table.resolve("new-model")?.id).toBe("new-model");
  });
});
