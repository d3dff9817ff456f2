import { describe, expect, it } from "vitest";
import { serviceTestEnv, uniqueId, waitFor } from "../src/infra/environment.js";

describe("test infrastructure helpers", () => {
  it("waitFor resolves with the first truthy value", async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { intervalMs: 5 });
    expect(value).toEqual({ calls: 3 });
  });

  it("waitFor fails with the description and the last error", async () => {
    await expect(
      waitFor(
        () => {
          throw new Error("not yet");
        },
        { timeoutMs: 50, intervalMs: 10, description: "the thing" },
      ),
    ).rejects.toThrow("timed out waiting for the thing (last error: not yet)");
  });

  it("isolates every test file: ids are unique and valid as schema, topic and group names", () => {
    const ids = new Set(Array.from({ length: 200 }, () => uniqueId("x")));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]{1,40}$/);
    const env = serviceTestEnv("iso1");
    expect(env).toMatchObject({ NACOS_GROUP: "iso1", EVENT_NAMESPACE: "iso1", GRPC_PORT: "0", HTTP_PORT: "0" });
  });
});
