import { AppError } from "@llm-serve/common";
import { findAssistant } from "./assistant-operations.js";
import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { newId } from "./ids.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import { nowSeconds, type RunObject, type ThreadObject } from "./objects.js";
import { createAndRunSchema, messageCreateSchema, metadataUpdateSchema, parseRequest, runCreateSchema } from "./requests.js";
import { advanceRun, RUN_LEASE_MS, RunEvents, saveRun } from "./run-executor.js";
import { addMessage, findThread, messageObject, newThread } from "./thread-operations.js";
import type { z } from "zod";

type RunRequest = Omit<z.infer<typeof runCreateSchema>, "additional_messages" | "additional_instructions"> & { additional_instructions?: string | null };

export async function newRun(deps: AssistantDeps, caller: Caller, thread: ThreadObject, request: RunRequest): Promise<RunObject> {
  const assistant = await findAssistant(deps, caller, request.assistant_id);
  const now = nowSeconds();
  const instructions = [request.instructions ?? assistant.instructions ?? "", request.additional_instructions ?? ""].filter((part) => part !== "").join("\n\n");
  const run: RunObject = {
    id: newId("run"),
    object: "thread.run",
    created_at: now,
    thread_id: thread.id,
    assistant_id: assistant.id,
    status: "queued",
    required_action: null,
    last_error: null,
    expires_at: now + deps.runExpirySeconds,
    started_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    incomplete_details: null,
    model: request.model ?? assistant.model,
    instructions,
    tools: request.tools ?? assistant.tools,
    metadata: request.metadata ?? {},
    usage: null,
    temperature: request.temperature ?? assistant.temperature,
    top_p: request.top_p ?? assistant.top_p,
    max_prompt_tokens: request.max_prompt_tokens ?? null,
    max_completion_tokens: request.max_completion_tokens ?? null,
    truncation_strategy: { type: request.truncation_strategy?.type ?? "auto", last_messages: request.truncation_strategy?.last_messages ?? null },
    response_format: request.response_format ?? assistant.response_format ?? "auto",
    tool_choice: request.tool_choice ?? "auto",
    parallel_tool_calls: request.parallel_tool_calls ?? true,
  };
  // The run carries its caller's principal: its model calls (also after a restart) are made for that key.
  await deps.db.transaction(async (trx) => {
    await deps.runs.in(trx).insert(caller.projectId, run, { threadId: thread.id, status: run.status }, { principal_json: caller.principalJson, lease_until: new Date(Date.now() + RUN_LEASE_MS) });
    await deps.events.enqueue(trx, [deps.events.runStatusChanged(caller.projectId, run, "", caller.requestId)]);
  });
  deps.events.sent();
  deps.meter.reached(run.status);
  return run;
}

/**
 * Streamed: advanced now, each event sent as it happens (ADR 0029), the leading ones (created,
 * queued) first. Otherwise answered queued and advanced in the background.
 */
export function start(deps: AssistantDeps, caller: Caller, run: RunObject, stream: boolean, leading: RunEvents = new RunEvents()): OperationResult {
  if (!stream) {
    deps.inBackground(run.id, () => advanceRun(deps, caller, run, new RunEvents()));
    return { body: run };
  }
  return {
    stream: async (emit) => {
      for (const event of leading.events) emit(event);
      const sink = new RunEvents(emit);
      await advanceRun(deps, caller, run, sink);
      sink.emit("done", "[DONE]");
    },
  };
}

export async function createRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const request = parseRequest(runCreateSchema, input.body);
  await assertNoActiveRun(deps, caller, thread.id);
  for (const message of request.additional_messages ?? []) await addMessage(deps, caller, messageObject(thread.id, parseRequest(messageCreateSchema, message)));
  const run = await newRun(deps, caller, thread, request);
  const events = new RunEvents();
  events.emit("thread.run.created", run);
  events.emit("thread.run.queued", run);
  return start(deps, caller, run, request.stream === true, events);
}

export async function createThreadAndRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const request = parseRequest(createAndRunSchema, input.body);
  const thread = await newThread(deps, caller, request.thread ?? {});
  const run = await newRun(deps, caller, thread, request);
  const events = new RunEvents();
  events.emit("thread.created", thread);
  events.emit("thread.run.created", run);
  events.emit("thread.run.queued", run);
  return start(deps, caller, run, request.stream === true, events);
}

/** OpenAI refuses a second run on a thread while one is active. */
async function assertNoActiveRun(deps: AssistantDeps, caller: Caller, threadId: string): Promise<void> {
  for (const status of ["queued", "in_progress", "requires_action", "cancelling"]) {
    const active = await deps.runs.list(caller.projectId, { threadId, status }, { limit: 1, order: "desc" });
    const run = active.data[0];
    if (run) throw new AppError("invalid_request", `Thread ${threadId} already has an active run ${run.id}.`, { details: { param: null } });
  }
}

/** A run waiting for tool outputs past its expires_at is expired when next seen. */
export async function findRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<RunObject> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const id = input.params.run_id;
  const found = id ? await deps.runs.find(caller.projectId, id, { threadId: thread.id }) : undefined;
  if (!found) throw notFound("run", id);
  const run = found.body;
  if (run.status === "requires_action" && run.expires_at !== null && run.expires_at < nowSeconds()) {
    const expired: RunObject = { ...run, status: "expired", required_action: null };
    await saveRun(deps, caller, expired, ["requires_action"]);
    return { ...expired, expires_at: null };
  }
  return run;
}

export async function retrieveRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findRun(deps, caller, input) };
}

export async function listRuns(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  return { body: listBody(await deps.runs.list(caller.projectId, { threadId: thread.id }, pageRequest(input.query))) };
}

export async function updateRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const run = await findRun(deps, caller, input);
  const request = parseRequest(metadataUpdateSchema, input.body);
  const updated = { ...run, metadata: request.metadata ?? run.metadata };
  await deps.runs.update(caller.projectId, updated);
  return { body: updated };
}

/** A run not yet calling the model is cancelled at once; one in a model call is `cancelling` until the call returns. */
export async function cancelRun(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const run = await findRun(deps, caller, input);
  if (run.status === "in_progress") {
    const cancelling: RunObject = { ...run, status: "cancelling" };
    if (await saveRun(deps, caller, cancelling, ["in_progress"])) return { body: cancelling };
  }
  if (run.status === "queued" || run.status === "requires_action") {
    const cancelled: RunObject = { ...run, status: "cancelled", cancelled_at: nowSeconds(), required_action: null, expires_at: null };
    if (await saveRun(deps, caller, cancelled, [run.status])) return { body: cancelled };
  }
  throw new AppError("invalid_request", `Cannot cancel run with status '${run.status}'.`, { details: { param: null } });
}
