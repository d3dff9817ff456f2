import { toAppError, type Knex } from "@llm-serve/common";
import type { ChatAnswer } from "../ports/model-caller.js";
import type { AssistantDeps, StreamEvent } from "./deps.js";
import { newId } from "./ids.js";
import { nowSeconds, TERMINAL_RUN_STATUSES, type MessageObject, type RunObject, type RunStatus, type RunStepObject, type RunUsage } from "./objects.js";
import { runChatRequest } from "./run-context.js";

/** Collects a run's server-sent events (all of them when streamed; dropped otherwise). */
export class RunEvents {
  readonly events: StreamEvent[] = [];
  emit(event: string, data: unknown): void {
    this.events.push({ event, data });
  }
}

/** Who a run's model calls are made for. */
export interface RunCaller {
  projectId: string;
  principalJson: string;
  requestId: string;
}

/** How long an instance holds a run it is advancing; past it, another may resume the run (ADR 0024). */
export const RUN_LEASE_MS = 6 * 60_000;

/**
 * Saves a run, and its status change as a run-status-changed event in the same transaction. With
 * `expected`, a compare-and-set on the stored status (false when another change won).
 */
export async function saveRun(deps: AssistantDeps, caller: { projectId: string; requestId: string }, run: RunObject, expected?: readonly RunStatus[], trx?: Knex.Transaction): Promise<boolean> {
  const holding = run.status === "queued" || run.status === "in_progress";
  const lease = holding ? { lease_until: new Date(Date.now() + RUN_LEASE_MS) } : { lease_until: null };
  const ended = TERMINAL_RUN_STATUSES.includes(run.status);
  const stored = ended ? { ...run, expires_at: null } : run;
  const write = async (transaction: Knex.Transaction) => {
    const row = (await transaction("runs").where({ project_id: caller.projectId, id: run.id }).forUpdate().first("status")) as { status: RunStatus } | undefined;
    if (!row || (expected && !expected.includes(row.status))) return false;
    await deps.runs.in(transaction).update(caller.projectId, stored, run.status, undefined, lease);
    if (row.status !== run.status) await deps.events.enqueue(transaction, [deps.events.runStatusChanged(caller.projectId, stored, row.status, caller.requestId)]);
    return true;
  };
  if (trx) return write(trx);
  const saved = await deps.db.transaction(write);
  if (saved) deps.events.sent();
  return saved;
}

function addUsage(total: RunUsage | null, answer: ChatAnswer): RunUsage {
  const usage = answer.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  return {
    prompt_tokens: (total?.prompt_tokens ?? 0) + usage.prompt_tokens,
    completion_tokens: (total?.completion_tokens ?? 0) + usage.completion_tokens,
    total_tokens: (total?.total_tokens ?? 0) + usage.total_tokens,
  };
}

/**
 * Advances a queued or in-progress run by one model call: it then either asks for tool outputs
 * (requires_action), or writes the assistant's message and completes. A failed model call fails
 * the run with last_error; a run cancelled meanwhile ends cancelled.
 */
export async function advanceRun(deps: AssistantDeps, caller: RunCaller, run: RunObject, sink: RunEvents): Promise<RunObject> {
  let current = run;
  if (current.status === "queued") {
    current = { ...current, status: "in_progress", started_at: current.started_at ?? nowSeconds() };
    await saveRun(deps, caller, current);
    sink.emit("thread.run.in_progress", current);
  }
  await deps.threads.setStatus(caller.projectId, current.thread_id, "active");
  const messages = await deps.messages.all(caller.projectId, { threadId: current.thread_id });
  const steps = await deps.steps.all(caller.projectId, { runId: current.id });
  let answer: ChatAnswer;
  try {
    answer = await deps.model.chat(caller.principalJson, runChatRequest(current, messages, steps), caller.requestId);
  } catch (error) {
    if (deps.isStopping()) throw error;
    return failRun(deps, caller, current, error, sink);
  }
  const latest = await deps.runs.find(caller.projectId, current.id);
  current = { ...current, usage: addUsage(current.usage, answer) };
  if (latest?.status === "cancelling") return endRun(deps, caller, { ...current, status: "cancelled", cancelled_at: nowSeconds() }, sink, "thread.run.cancelled");
  const toolCalls = answer.choices[0]?.message.tool_calls ?? [];
  if (toolCalls.length > 0) return requireAction(deps, caller, current, toolCalls, answer, sink);
  return completeWithMessage(deps, caller, current, answer, sink);
}

async function failRun(deps: AssistantDeps, caller: RunCaller, run: RunObject, error: unknown, sink: RunEvents): Promise<RunObject> {
  const appError = toAppError(error);
  const code = appError.code === "rate_limited" || appError.code === "quota_exceeded" ? "rate_limit_exceeded" : "server_error";
  const message = appError.code === "internal" ? "The model call failed." : appError.message;
  return endRun(deps, caller, { ...run, status: "failed", failed_at: nowSeconds(), last_error: { code, message } }, sink, "thread.run.failed");
}

async function endRun(deps: AssistantDeps, caller: RunCaller, run: RunObject, sink: RunEvents, event: string): Promise<RunObject> {
  const ended = { ...run, expires_at: null, required_action: null };
  await saveRun(deps, caller, ended);
  await deps.threads.setStatus(caller.projectId, run.thread_id, "completed");
  sink.emit(event, ended);
  return ended;
}

function stepUsage(answer: ChatAnswer): RunUsage | null {
  return answer.usage ?? null;
}

function newStep(run: RunObject, details: RunStepObject["step_details"], answer: ChatAnswer, done: boolean): RunStepObject {
  const now = nowSeconds();
  return {
    id: newId("step"),
    object: "thread.run.step",
    created_at: now,
    assistant_id: run.assistant_id,
    thread_id: run.thread_id,
    run_id: run.id,
    type: details.type,
    status: done ? "completed" : "in_progress",
    step_details: details,
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: done ? now : null,
    metadata: {},
    usage: stepUsage(answer),
  };
}

async function requireAction(deps: AssistantDeps, caller: RunCaller, run: RunObject, toolCalls: NonNullable<ChatAnswer["choices"][0]["message"]["tool_calls"]>, answer: ChatAnswer, sink: RunEvents): Promise<RunObject> {
  const calls = toolCalls.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.function.name, arguments: call.function.arguments } }));
  const step = newStep(run, { type: "tool_calls", tool_calls: calls.map((call) => ({ ...call, function: { ...call.function, output: null } })) }, answer, false);
  await deps.steps.insert(caller.projectId, step, { threadId: run.thread_id, runId: run.id, status: step.status });
  sink.emit("thread.run.step.created", step);
  const waiting: RunObject = {
    ...run,
    status: "requires_action",
    expires_at: nowSeconds() + deps.runExpirySeconds,
    required_action: { type: "submit_tool_outputs", submit_tool_outputs: { tool_calls: calls } },
  };
  await saveRun(deps, caller, waiting);
  sink.emit("thread.run.requires_action", waiting);
  return waiting;
}

async function completeWithMessage(deps: AssistantDeps, caller: RunCaller, run: RunObject, answer: ChatAnswer, sink: RunEvents): Promise<RunObject> {
  const text = answer.choices[0]?.message.content ?? "";
  const now = nowSeconds();
  const message: MessageObject = {
    id: newId("msg"),
    object: "thread.message",
    created_at: now,
    thread_id: run.thread_id,
    status: "completed",
    incomplete_details: null,
    completed_at: now,
    incomplete_at: null,
    role: "assistant",
    content: [{ type: "text", text: { value: text, annotations: [] } }],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
  };
  const step = newStep(run, { type: "message_creation", message_creation: { message_id: message.id } }, answer, true);
  await deps.db.transaction(async (trx) => {
    await deps.messages.in(trx).insert(caller.projectId, message, { threadId: run.thread_id, runId: run.id, status: message.status });
    await deps.steps.in(trx).insert(caller.projectId, step, { threadId: run.thread_id, runId: run.id, status: step.status });
    await deps.events.enqueue(trx, [deps.events.messageCompleted(caller.projectId, message, caller.requestId)]);
  });
  sink.emit("thread.run.step.created", { ...step, status: "in_progress", completed_at: null });
  sink.emit("thread.message.created", { ...message, status: "in_progress", completed_at: null, content: [] });
  sink.emit("thread.message.in_progress", { ...message, status: "in_progress", completed_at: null, content: [] });
  sink.emit("thread.message.delta", { id: message.id, object: "thread.message.delta", delta: { content: [{ index: 0, type: "text", text: { value: text, annotations: [] } }] } });
  sink.emit("thread.message.completed", message);
  sink.emit("thread.run.step.completed", step);
  return endRun(deps, caller, { ...run, status: "completed", completed_at: nowSeconds() }, sink, "thread.run.completed");
}
