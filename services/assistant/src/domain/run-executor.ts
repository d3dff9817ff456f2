import { toAppError, type Knex } from "@llm-serve/common";
import type { ChatAnswer, ChatDelta } from "../ports/model-caller.js";
import type { AssistantDeps, EmitEvent, StreamEvent } from "./deps.js";
import { nowSeconds, TERMINAL_RUN_STATUSES, type RunObject, type RunStatus, type RunUsage } from "./objects.js";
import { assistantMessage, messageDelta, newStep } from "./run-objects.js";
import { StreamedMessage } from "./streamed-message.js";
import { runChatRequest } from "./run-context.js";

/**
 * A run's server-sent events: collected, and handed to the listener as they happen when the run is
 * streamed (a run without a listener is not watched: its model call need not stream).
 */
export class RunEvents {
  readonly events: StreamEvent[] = [];
  constructor(private readonly listener?: EmitEvent) {}

  get live(): boolean {
    return this.listener !== undefined;
  }

  emit(event: string, data: unknown): void {
    this.events.push({ event, data });
    this.listener?.({ event, data });
  }
}

/** Who a run's model calls are made for. */
export interface RunCaller {
  projectId: string;
  principalJson: string;
  requestId: string;
  /** Aborted when the client watching the run went away. */
  signal?: AbortSignal;
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
  let changed = false;
  const write = async (transaction: Knex.Transaction) => {
    const row = (await transaction("runs").where({ project_id: caller.projectId, id: run.id }).forUpdate().first("status")) as { status: RunStatus } | undefined;
    if (!row || (expected && !expected.includes(row.status))) return false;
    await deps.runs.in(transaction).update(caller.projectId, stored, run.status, undefined, lease);
    changed = row.status !== run.status;
    if (changed) await deps.events.enqueue(transaction, [deps.events.runStatusChanged(caller.projectId, stored, row.status, caller.requestId)]);
    return true;
  };
  if (trx) {
    const saved = await write(trx);
    // Counted when the caller's transaction commits (not if it rolls back).
    if (changed) trx.executionPromise.then(() => deps.meter.reached(run.status), () => undefined);
    return saved;
  }
  const saved = await deps.db.transaction(write);
  if (saved) deps.events.sent();
  if (saved && changed) deps.meter.reached(run.status);
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
  const streamed = new StreamedMessage(current, sink);
  const next = await runChatRequest(current, messages, steps, deps.tokens);
  // No room left in the run's token limits for another call: it ends incomplete without making it.
  if (next.limit !== null) return endRun(deps, caller, { ...current, status: "incomplete", incomplete_details: { reason: next.limit } }, sink, "thread.run.incomplete");
  let answer: ChatAnswer;
  try {
    // Streamed when someone watches the run: its text reaches them as the model writes it.
    const options = { ...(sink.live ? { onDelta: (delta: ChatDelta) => streamed.delta(delta) } : {}), ...(caller.signal ? { signal: caller.signal } : {}) };
    // Named by what is saved (ADR 0034): a run resumed before this call's step was saved asks
    // again under the same id, and the gateway answers with the first answer, not a second call.
    const callId = `${current.id}/step-${steps.length + 1}`;
    answer = await deps.model.chat(caller.principalJson, next.request, caller.requestId, { ...options, callId });
  } catch (error) {
    // Cut by this instance's stop (a watched run's stream): not the run's end. Its lease is given up,
    // as for the background runs the stop releases, so the next instance resumes it at once.
    if (deps.isStopping()) {
      await deps.db("runs").where({ id: current.id }).whereIn("status", ["queued", "in_progress"]).update({ lease_until: new Date(0) }).catch(() => undefined);
      throw error;
    }
    // The watcher went away: the call was cancelled (the gateway charged what it cost); nobody is left to answer.
    if (caller.signal?.aborted) return endRun(deps, caller, { ...current, status: "cancelled", cancelled_at: nowSeconds() }, sink, "thread.run.cancelled");
    return failRun(deps, caller, current, error, sink);
  }
  const latest = await deps.runs.find(caller.projectId, current.id);
  current = { ...current, usage: addUsage(current.usage, answer) };
  if (latest?.status === "cancelling") return endRun(deps, caller, { ...current, status: "cancelled", cancelled_at: nowSeconds() }, sink, "thread.run.cancelled");
  // Cut at the run's max_completion_tokens (or the model's own limit): kept as far as it got, incomplete.
  if (answer.choices[0]?.finish_reason === "length") return completeWithMessage(deps, caller, current, answer, sink, streamed, true);
  const toolCalls = answer.choices[0]?.message.tool_calls ?? [];
  if (toolCalls.length > 0) return requireAction(deps, caller, current, toolCalls, answer, sink, streamed);
  return completeWithMessage(deps, caller, current, answer, sink, streamed);
}

export async function failRun(deps: AssistantDeps, caller: RunCaller, run: RunObject, error: unknown, sink: RunEvents): Promise<RunObject> {
  const appError = toAppError(error);
  const code = appError.code === "rate_limited" || appError.code === "quota_exceeded" ? "rate_limit_exceeded" : "server_error";
  const message = appError.code === "internal" ? "The model call failed." : appError.message;
  return endRun(deps, caller, { ...run, status: "failed", failed_at: nowSeconds(), last_error: { code, message } }, sink, "thread.run.failed");
}

/** Writes `before` (a step and what it created), then the run's new status, in one transaction (ADR 0034). */
async function saveStep(deps: AssistantDeps, caller: RunCaller, run: RunObject, before: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
  await deps.db.transaction(async (trx) => {
    await before(trx);
    await saveRun(deps, caller, run, undefined, trx);
    if (TERMINAL_RUN_STATUSES.includes(run.status)) await deps.threads.in(trx).setStatus(caller.projectId, run.thread_id, "completed");
  });
  deps.events.sent();
}

async function endRun(deps: AssistantDeps, caller: RunCaller, run: RunObject, sink: RunEvents, event: string): Promise<RunObject> {
  const ended = { ...run, expires_at: null, required_action: null };
  await saveStep(deps, caller, ended, async () => undefined);
  sink.emit(event, ended);
  return ended;
}

async function requireAction(deps: AssistantDeps, caller: RunCaller, run: RunObject, toolCalls: NonNullable<ChatAnswer["choices"][0]["message"]["tool_calls"]>, answer: ChatAnswer, sink: RunEvents, streamed: StreamedMessage): Promise<RunObject> {
  const calls = toolCalls.map((call) => ({ id: call.id, type: "function" as const, function: { name: call.function.name, arguments: call.function.arguments } }));
  // The step the stream announced (and sent the arguments of, delta by delta), or a new one.
  const step = newStep(run, streamed.toolStepId, { type: "tool_calls", tool_calls: calls.map((call) => ({ ...call, function: { ...call.function, output: null } })) }, answer, false);
  const waiting: RunObject = {
    ...run,
    status: "requires_action",
    expires_at: nowSeconds() + deps.runExpirySeconds,
    required_action: { type: "submit_tool_outputs", submit_tool_outputs: { tool_calls: calls } },
  };
  await saveStep(deps, caller, waiting, (trx) => deps.steps.in(trx).insert(caller.projectId, step, { threadId: run.thread_id, runId: run.id, status: step.status }));
  if (!streamed.toolsOpened) sink.emit("thread.run.step.created", step);
  sink.emit("thread.run.requires_action", waiting);
  return waiting;
}

/**
 * Writes the assistant's message and ends the run: completed, or (`cut`, the answer stopped at the
 * token limit) incomplete, the message kept as far as it got with `incomplete_details.reason`
 * `max_tokens` and the run's `max_completion_tokens`, as OpenAI ends such runs.
 */
async function completeWithMessage(deps: AssistantDeps, caller: RunCaller, run: RunObject, answer: ChatAnswer, sink: RunEvents, streamed: StreamedMessage, cut = false): Promise<RunObject> {
  const text = answer.choices[0]?.message.content ?? "";
  const written = assistantMessage(run, streamed.messageId, text);
  const message = cut ? { ...written, status: "incomplete" as const, completed_at: null, incomplete_at: written.created_at, incomplete_details: { reason: "max_tokens" as const } } : written;
  const step = newStep(run, streamed.stepId, { type: "message_creation", message_creation: { message_id: message.id } }, answer, true);
  const ended: RunObject = cut
    ? { ...run, status: "incomplete", incomplete_details: { reason: "max_completion_tokens" }, expires_at: null, required_action: null }
    : { ...run, status: "completed", completed_at: nowSeconds(), expires_at: null, required_action: null };
  await saveStep(deps, caller, ended, async (trx) => {
    await deps.messages.in(trx).insert(caller.projectId, message, { threadId: run.thread_id, runId: run.id, status: message.status });
    await deps.steps.in(trx).insert(caller.projectId, step, { threadId: run.thread_id, runId: run.id, status: step.status });
    await deps.events.enqueue(trx, [deps.events.messageCompleted(caller.projectId, message, caller.requestId)]);
  });
  // A run nobody watched, or a model that answered no text delta: the events it would have streamed.
  if (!streamed.opened) {
    streamed.open();
    if (text !== "") sink.emit("thread.message.delta", messageDelta(message.id, text));
  }
  sink.emit(cut ? "thread.message.incomplete" : "thread.message.completed", message);
  sink.emit("thread.run.step.completed", step);
  sink.emit(cut ? "thread.run.incomplete" : "thread.run.completed", ended);
  return ended;
}
