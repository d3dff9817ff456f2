import { z } from "zod";
import type { AssistantDeps, Caller, OperationInput, OperationResult, StreamEvent } from "./deps.js";
import type { MessageObject, RunObject } from "./objects.js";
import { parseRequest } from "./requests.js";
import { advanceRun, RunEvents } from "./run-executor.js";
import { newRun } from "./run-operations.js";
import { addMessage, createThread, findThread, messageObject, newThread } from "./thread-operations.js";

const threadShorthandSchema = z.object({ assistant_id: z.string().min(1), stream: z.literal(true) });
const messageShorthandSchema = z.object({ thread_id: z.string().min(1), assistant_id: z.string().min(1), content: z.string().min(1) });

function textOf(message: MessageObject): string {
  return message.content.map((part) => part.text.value).join("");
}

/**
 * The seed's shorthand of POST /v1/threads: with `stream: true` and an `assistant_id`, the thread is
 * created, run, and `{thread_id, status, messages}` is pushed at each step of its lifecycle (created,
 * active, then completed — or active with the run's `required_action` when it waits for tool outputs).
 * Without `stream`, OpenAI's threads.create.
 */
export async function createThreadShorthand(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  if ((input.body as { stream?: unknown } | null)?.stream !== true) return createThread(deps, caller, input);
  const request = parseRequest(threadShorthandSchema, input.body);
  const thread = await newThread(deps, caller, input.body);
  const events: StreamEvent[] = [];
  const push = async (status: string, run?: RunObject) => {
    const messages = await deps.messages.all(caller.projectId, { threadId: thread.id });
    events.push({ event: "thread.updated", data: { thread_id: thread.id, status, messages, ...(run ? { run_id: run.id, run_status: run.status, required_action: run.required_action } : {}) } });
  };
  await push("created");
  const run = await newRun(deps, caller, thread, { assistant_id: request.assistant_id });
  await push("active", run);
  const ended = await advanceRun(deps, caller, run, new RunEvents());
  await push(ended.status === "requires_action" ? "active" : "completed", ended);
  events.push({ event: "done", data: "[DONE]" });
  return { events };
}

/** A run's events as the shorthand's `{message_id, status, content}` updates (tool calls included). */
function messageUpdate(event: StreamEvent): StreamEvent | undefined {
  const data = event.data as Record<string, unknown>;
  switch (event.event) {
    case "thread.message.created":
      return { event: "message", data: { message_id: data.id, role: "assistant", status: "in_progress", content: "" } };
    case "thread.message.delta": {
      const delta = (data.delta as { content: Array<{ text: { value: string } }> }).content.map((part) => part.text.value).join("");
      return { event: "message", data: { message_id: data.id, role: "assistant", status: "in_progress", content: delta } };
    }
    case "thread.message.completed":
      return { event: "message", data: { message_id: data.id, role: "assistant", status: "completed", content: textOf(data as unknown as MessageObject) } };
    case "thread.run.requires_action": {
      const run = data as unknown as RunObject;
      return { event: "message", data: { message_id: null, run_id: run.id, status: "requires_action", tool_calls: run.required_action?.submit_tool_outputs.tool_calls ?? [] } };
    }
    case "thread.run.failed":
      return { event: "message", data: { message_id: null, run_id: data.id, status: "failed", error: data.last_error } };
    default:
      return undefined;
  }
}

/**
 * The seed's POST /v1/messages: adds the user's message to the thread, runs the thread with the
 * assistant, and streams `{message_id, status, content}` updates: the user's message, the assistant's
 * (in progress, its text, completed), or the tool calls the run waits for, or its failure.
 */
export async function createMessageShorthand(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const request = parseRequest(messageShorthandSchema, input.body);
  const thread = await findThread(deps, caller, request.thread_id);
  const message = messageObject(thread.id, { role: "user", content: request.content });
  const run = await newRun(deps, caller, thread, { assistant_id: request.assistant_id });
  await addMessage(deps, caller, message);
  return {
    stream: async (emit) => {
      emit({ event: "message", data: { message_id: message.id, role: "user", status: "completed", content: request.content } });
      // The run's events become the shorthand's updates as they happen (the text deltas included).
      const sink = new RunEvents((event) => {
        const update = messageUpdate(event);
        if (update) emit(update);
      });
      await advanceRun(deps, caller, run, sink);
      emit({ event: "done", data: "[DONE]" });
    },
  };
}
