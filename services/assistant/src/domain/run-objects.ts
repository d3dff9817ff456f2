import type { ChatAnswer, ChatDelta } from "../ports/model-caller.js";
import { nowSeconds, type MessageObject, type RunObject, type RunStepObject } from "./objects.js";

/** A run step (in progress, or completed with the model call's usage). */
export function newStep(run: RunObject, id: string, details: RunStepObject["step_details"], answer: ChatAnswer | null, done: boolean): RunStepObject {
  const now = nowSeconds();
  return {
    id,
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
    usage: answer?.usage ?? null,
  };
}

/** The assistant's message of a run: in progress and empty while it streams, completed with its text. */
export function assistantMessage(run: RunObject, id: string, text: string | null): MessageObject {
  const now = nowSeconds();
  const done = text !== null;
  return {
    id,
    object: "thread.message",
    created_at: now,
    thread_id: run.thread_id,
    status: done ? "completed" : "in_progress",
    incomplete_details: null,
    completed_at: done ? now : null,
    incomplete_at: null,
    role: "assistant",
    content: done ? [{ type: "text", text: { value: text, annotations: [] } }] : [],
    assistant_id: run.assistant_id,
    run_id: run.id,
    attachments: [],
    metadata: {},
  };
}

export function messageDelta(messageId: string, text: string): unknown {
  return { id: messageId, object: "thread.message.delta", delta: { content: [{ index: 0, type: "text", text: { value: text, annotations: [] } }] } };
}

/** A `thread.run.step.delta` of a tool-calls step: each call's index, and what this delta adds to it. */
export function toolCallsDelta(stepId: string, calls: NonNullable<ChatDelta["tool_calls"]>): unknown {
  const toolCalls = calls.map((call) => ({
    index: call.index,
    ...(call.id ? { id: call.id } : {}),
    type: "function" as const,
    function: { ...(call.function?.name ? { name: call.function.name } : {}), arguments: call.function?.arguments ?? "", output: null },
  }));
  return { id: stepId, object: "thread.run.step.delta", delta: { step_details: { type: "tool_calls", tool_calls: toolCalls } } };
}
