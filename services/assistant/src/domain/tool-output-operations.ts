import { AppError } from "@llm-serve/common";
import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import type { RunObject, RunStepObject } from "./objects.js";
import { parseRequest, submitToolOutputsSchema } from "./requests.js";
import { RunEvents, saveRun } from "./run-executor.js";
import { findRun, start } from "./run-operations.js";

/**
 * The second half of OpenAI's function-tool cycle: the outputs of every call the run asked for are
 * written to its tool_calls step, and the run is queued again for its next model call.
 */
export async function submitToolOutputs(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const run = await findRun(deps, caller, input);
  const request = parseRequest(submitToolOutputsSchema, input.body);
  if (run.status !== "requires_action" || !run.required_action) {
    throw new AppError("invalid_request", `Runs in status "${run.status}" do not accept tool outputs.`, { details: { param: null } });
  }
  const outputs = new Map(request.tool_outputs.map((output) => [output.tool_call_id, output.output]));
  const missing = run.required_action.submit_tool_outputs.tool_calls.filter((call) => !outputs.has(call.id)).map((call) => call.id);
  if (missing.length > 0) throw new AppError("invalid_request", `Expected tool outputs for call_ids ${JSON.stringify(missing)}, got ${JSON.stringify([...outputs.keys()])}`, { details: { param: "tool_outputs" } });
  const step = await waitingStep(deps, caller, run);
  const completedStep: RunStepObject = {
    ...step,
    status: "completed",
    completed_at: Math.floor(Date.now() / 1000),
    step_details: step.step_details.type === "tool_calls" ? { type: "tool_calls", tool_calls: step.step_details.tool_calls.map((call) => ({ ...call, function: { ...call.function, output: outputs.get(call.id) ?? "" } })) } : step.step_details,
  };
  const queued: RunObject = { ...run, status: "queued", required_action: null };
  // Compare-and-set on the status: two submissions of the same outputs continue the run once.
  const won = await deps.db.transaction(async (trx) => {
    if (!(await saveRun(deps, caller, queued, ["requires_action"], trx))) return false;
    await deps.steps.in(trx).update(caller.projectId, completedStep, "completed");
    await deps.events.enqueue(trx, deps.events.toolCallsCompleted(caller.projectId, completedStep, caller.requestId));
    return true;
  });
  deps.events.sent();
  if (!won) throw new AppError("invalid_request", "The run is no longer waiting for tool outputs.", { details: { param: null } });
  const events = new RunEvents();
  events.emit("thread.run.step.completed", completedStep);
  events.emit("thread.run.queued", queued);
  return start(deps, caller, queued, request.stream === true, events);
}

async function waitingStep(deps: AssistantDeps, caller: Caller, run: RunObject): Promise<RunStepObject> {
  const page = await deps.steps.list(caller.projectId, { runId: run.id, status: "in_progress" }, { limit: 1, order: "desc" });
  const step = page.data[0];
  if (!step) throw new AppError("internal", `run ${run.id} requires action without a tool_calls step`);
  return step;
}

export async function listSteps(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const run = await findRun(deps, caller, input);
  return { body: listBody(await deps.steps.list(caller.projectId, { runId: run.id }, pageRequest(input.query))) };
}

export async function retrieveStep(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const run = await findRun(deps, caller, input);
  const id = input.params.step_id;
  const found = id ? await deps.steps.find(caller.projectId, id, { runId: run.id }) : undefined;
  if (!found) throw notFound("run step", id);
  return { body: found.body };
}
