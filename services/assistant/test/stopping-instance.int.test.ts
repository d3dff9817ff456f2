import { createDatabase, type Knex } from "@llm-serve/common";
import { INFRA, waitFor, type OpenAIMock } from "@llm-serve/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAssistant } from "../src/app.js";
import { startToolPlatform, type AssistantPlatform, type ToolPlatform } from "./assistant-platform.js";

/**
 * ADR 0024, "Not done" 5: an instance stopping (a deploy) while a run is in its model call. A watched
 * run's call is cut with the stream the stop ends: the guard in advanceRun keeps the cut from ending
 * the run (without it, the run ends cancelled as if its client had gone away). A run nobody watches
 * keeps its call (closing the gRPC channel does not cut it): the stop gives up its lease. Either way
 * the run is left in progress, and the next instance resumes and completes it.
 */
describe("a run whose model call is cut by a stopping assistant instance", () => {
  let tools: ToolPlatform | undefined;
  let harness: AssistantPlatform;
  let vendor: OpenAIMock;
  let db: Knex;
  const env = () => ({ ...harness.platform.env, DATABASE_SCHEMA: `as_${harness.platform.isolation}` });

  beforeAll(async () => {
    tools = await startToolPlatform();
    ({ harness, vendor } = tools);
    db = createDatabase({ url: INFRA.databaseUrl, schema: `as_${harness.platform.isolation}`, poolMax: 1 });
  });

  // A resumed call may be answered from the first one's kept answer: the reply queued for it is left over.
  beforeEach(() => vendor.resetScenario());

  afterAll(async () => {
    await db?.destroy();
    await tools?.stop();
  });

  it("not watched: is not failed; it stays in progress with its lease given up, and the next instance completes it", async () => {
    const { client } = await harness.client();
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    // The first call outlasts the stop's 5-second grace; the resumed run's call answers at once.
    vendor.queueScenario({ latencyMs: 25_000, reply: { text: "Never heard." } }, { reply: { text: "Resumed." } });
    const before = vendor.requests.length;
    const queued = await client.beta.threads.createAndRun({ assistant_id: assistant.id, thread: { messages: [{ role: "user", content: "Hi" }] } });
    await waitFor(() => vendor.requests.length > before, { timeoutMs: 60_000, description: "the run's model call reached the vendor" });

    await harness.assistant.stop();
    const stopped = Date.now();
    const row = (await db("runs").where({ id: queued.id }).first("status", "lease_until", "body")) as { status: string; lease_until: Date | null; body: { status: string; last_error: unknown; failed_at: unknown } };
    expect(row.body).toMatchObject({ status: "in_progress", last_error: null, failed_at: null });
    expect(row.status).toBe("in_progress");
    // Given up, not held for the 6-minute lease: the next instance takes it over at once.
    expect(row.lease_until!.getTime()).toBeLessThan(stopped);
    const changes = (await harness.outboxEvents("run-status-changed")).filter((event) => event.runId === queued.id).map((event) => event.status);
    expect(changes).toEqual(["queued", "in_progress"]);

    harness.assistant = await startAssistant(env());
    const ended = await waitFor(async () => {
      const run = await client.beta.threads.runs.retrieve(queued.id, { thread_id: queued.thread_id });
      return ["queued", "in_progress"].includes(run.status) ? undefined : run;
    }, { timeoutMs: 90_000, description: "the resumed run ended" });
    expect(ended).toMatchObject({ status: "completed", last_error: null, failed_at: null });
    const messages = await client.beta.threads.messages.list(queued.thread_id, { order: "asc" });
    expect(messages.data.map((message) => message.role)).toEqual(["user", "assistant"]);
  });
  it("watched (streamed): the stop cuts the stream, not the run — it is neither cancelled nor failed, and is resumed", async () => {
    const { client } = await harness.client();
    const assistant = await client.beta.assistants.create({ model: "gpt-tools" });
    const thread = await client.beta.threads.create({ messages: [{ role: "user", content: "Hi" }] });
    vendor.queueScenario({ latencyMs: 25_000, reply: { text: "Never heard." } }, { reply: { text: "Resumed." } });
    const before = vendor.requests.length;
    let runId: string | undefined;
    const watching = (async () => {
      const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
      for await (const event of stream) if (event.event === "thread.run.created") runId = event.data.id;
    })().catch(() => undefined);
    await waitFor(() => runId !== undefined && vendor.requests.length > before, { timeoutMs: 60_000, description: "the watched run's model call reached the vendor" });

    await harness.assistant.stop();
    const stopped = Date.now();
    await watching;
    const row = (await db("runs").where({ id: runId }).first("status", "lease_until", "body")) as { status: string; lease_until: Date | null; body: { status: string; last_error: unknown; cancelled_at: unknown } };
    expect(row.body).toMatchObject({ status: "in_progress", last_error: null, cancelled_at: null });
    expect(row.lease_until!.getTime()).toBeLessThan(stopped);
    const changes = (await harness.outboxEvents("run-status-changed")).filter((event) => event.runId === runId).map((event) => event.status);
    expect(changes).toEqual(["queued", "in_progress"]);

    // Its lease given up by the stop, the next instance takes it over at once.
    harness.assistant = await startAssistant(env());
    const ended = await waitFor(async () => {
      const run = await client.beta.threads.runs.retrieve(runId!, { thread_id: thread.id });
      return ["queued", "in_progress"].includes(run.status) ? undefined : run;
    }, { timeoutMs: 90_000, description: "the resumed run ended" });
    expect(ended).toMatchObject({ status: "completed", last_error: null, cancelled_at: null });
  });
});
