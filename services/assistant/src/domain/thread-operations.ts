import type { z } from "zod";
import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import { newId } from "./ids.js";
import { nowSeconds, type MessageObject, type ThreadObject, type ThreadStatus } from "./objects.js";
import { messageCreateSchema, metadataUpdateSchema, parseRequest, threadCreateSchema } from "./requests.js";

type MessageRequest = z.infer<typeof messageCreateSchema>;

/** A thread is `created`, `active` while it has messages or a run, `completed` after a run, `archived` once deleted. */
export async function newThread(deps: AssistantDeps, caller: Caller, body: unknown): Promise<ThreadObject> {
  const request = parseRequest(threadCreateSchema, body);
  const thread: ThreadObject = { id: newId("thread"), object: "thread", created_at: nowSeconds(), tool_resources: request.tool_resources ?? {}, metadata: request.metadata ?? {} };
  const status: ThreadStatus = request.messages?.length ? "active" : "created";
  await deps.db.transaction(async (trx) => {
    await deps.threads.in(trx).insert(caller.projectId, thread, { status });
    const messages = (request.messages ?? []).map((message) => messageObject(thread.id, message));
    for (const message of messages) await deps.messages.in(trx).insert(caller.projectId, message, { threadId: thread.id, status: "completed" });
    await deps.events.enqueue(trx, [deps.events.threadCreated(caller.projectId, thread, messages.length, caller.requestId), ...messages.map((message) => deps.events.messageCompleted(caller.projectId, message, caller.requestId))]);
  });
  deps.events.sent();
  return thread;
}

/** A caller's message, with its message-completed event, and the thread active again. */
export async function addMessage(deps: AssistantDeps, caller: Caller, message: MessageObject): Promise<void> {
  await deps.db.transaction(async (trx) => {
    await deps.messages.in(trx).insert(caller.projectId, message, { threadId: message.thread_id, status: message.status });
    await deps.threads.in(trx).setStatus(caller.projectId, message.thread_id, "active");
    await deps.events.enqueue(trx, [deps.events.messageCompleted(caller.projectId, message, caller.requestId)]);
  });
  deps.events.sent();
}

export function messageObject(threadId: string, request: MessageRequest, origin: { assistantId?: string; runId?: string } = {}): MessageObject {
  const parts = typeof request.content === "string" ? [request.content] : request.content.map((part) => part.text);
  const now = nowSeconds();
  return {
    id: newId("msg"),
    object: "thread.message",
    created_at: now,
    thread_id: threadId,
    status: "completed",
    incomplete_details: null,
    completed_at: now,
    incomplete_at: null,
    role: request.role,
    content: parts.map((value) => ({ type: "text", text: { value, annotations: [] } })),
    assistant_id: origin.assistantId ?? null,
    run_id: origin.runId ?? null,
    attachments: request.attachments ?? [],
    metadata: request.metadata ?? {},
  };
}

/** An archived thread is gone for the API: it answers 404 like one that never was. */
export async function findThread(deps: AssistantDeps, caller: Caller, id: string | undefined): Promise<ThreadObject> {
  const found = id ? await deps.threads.find(caller.projectId, id) : undefined;
  if (!found || found.status === "archived") throw notFound("thread", id);
  return found.body;
}

export async function createThread(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await newThread(deps, caller, input.body) };
}

export async function retrieveThread(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findThread(deps, caller, input.params.thread_id) };
}

export async function updateThread(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const request = parseRequest(metadataUpdateSchema, input.body);
  const updated = { ...thread, metadata: request.metadata ?? thread.metadata };
  await deps.threads.update(caller.projectId, updated);
  return { body: updated };
}

/** Archives the thread (the lifecycle's last state); its messages and runs are no longer reachable. */
export async function deleteThread(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  await deps.threads.setStatus(caller.projectId, thread.id, "archived");
  return { body: { id: thread.id, object: "thread.deleted", deleted: true } };
}

export async function createMessage(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const message = messageObject(thread.id, parseRequest(messageCreateSchema, input.body));
  await addMessage(deps, caller, message);
  return { body: message };
}

async function findMessage(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<MessageObject> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const id = input.params.message_id;
  const found = id ? await deps.messages.find(caller.projectId, id, { threadId: thread.id }) : undefined;
  if (!found) throw notFound("message", id);
  return found.body;
}

export async function retrieveMessage(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findMessage(deps, caller, input) };
}

export async function updateMessage(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const message = await findMessage(deps, caller, input);
  const request = parseRequest(metadataUpdateSchema, input.body);
  const updated = { ...message, metadata: request.metadata ?? message.metadata };
  await deps.messages.update(caller.projectId, updated);
  return { body: updated };
}

export async function deleteMessage(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const message = await findMessage(deps, caller, input);
  await deps.messages.delete(caller.projectId, message.id);
  return { body: { id: message.id, object: "thread.message.deleted", deleted: true } };
}

export async function listMessages(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const thread = await findThread(deps, caller, input.params.thread_id);
  const page = await deps.messages.list(caller.projectId, { threadId: thread.id, ...(input.query.run_id ? { runId: input.query.run_id } : {}) }, pageRequest(input.query));
  return { body: listBody(page) };
}
