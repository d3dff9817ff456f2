import { waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

/** ADR 0029: a run resumed after a restart is checked against its key before any model call. */
describe("a resumed run", () => {
  let tools: ToolPlatform | undefined;
  let harness: AssistantPlatform;
  let vendor: OpenAIMock;

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor } = tools);
  });

  afterAll(async () => {
    await tools?.stop();
  });

  it("whose key was revoked meanwhile fails with a clear last_error, without a model call", async () => {
    const { client, key } = await harness.client();
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Hi" }] });
    // The run's model call hangs past the restart; a resumed run would make a second one.
    vendor.queueScenario({ latencyMs: 30_000, reply: { text: "too late" } });
    const before = vendor.requests.length;
    const queued = await client.beta.threads.runs.create(thread.id, { assistant_id: assistant.id });
    await waitFor(() => vendor.requests.length > before, { timeoutMs: 30_000 });
    const revoked = await fetch(`${harness.platform.gateway.url}/admin/keys/${key.keyId}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${harness.platform.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "left the company" }),
    });
    expect(revoked.status).toBe(200);
    await harness.restartAssistant();
    // Read through another key of the same project is not possible (the key is the project's only one): read the row.
    const run = await waitFor(async () => {
      const rows = await harness.runRows(queued.id);
      const body = rows[0]?.body as { status: string; last_error: { code: string; message: string } | null } | undefined;
      return body && !["queued", "in_progress"].includes(body.status) ? body : undefined;
    }, { timeoutMs: 60_000 });
    expect(run.status).toBe("failed");
    expect(run.last_error?.message).toMatch(/revoked/);
    // Only the first (cut) call reached the vendor: the resumed run made none.
    expect(vendor.requests.length).toBe(before + 1);
  });
});
