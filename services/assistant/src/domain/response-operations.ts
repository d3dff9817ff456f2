import { AppError, toAppError } from "@llm-serve/common";
import type { z } from "zod";
import type { ChatRequest } from "../ports/model-caller.js";
import { findConversation } from "./conversation-operations.js";
import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { newId } from "./ids.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import { nowSeconds } from "./objects.js";
import { chatMessages, inputItems, outputItems, type ResponseItem } from "./response-items.js";
import { finishedResponse, type ResponseObject } from "./response-object.js";
import { ResponseEventStream } from "./response-stream.js";
import { responseCreateSchema } from "./response-requests.js";
import { parseRequest } from "./requests.js";

type ResponseRequest = z.infer<typeof responseCreateSchema>;

/** How far back a previous_response_id chain is followed. */
const MAX_CHAIN = 100;

/** The items before this response: the previous responses' inputs and outputs, or the conversation's items. */
async function contextItems(deps: AssistantDeps, caller: Caller, request: ResponseRequest): Promise<ResponseItem[]> {
  if (request.previous_response_id) {
    const chain: ResponseObject[] = [];
    let id: string | null = request.previous_response_id;
    while (id && chain.length < MAX_CHAIN) {
      const found = await deps.responses.find(caller.projectId, id);
      if (!found) throw new AppError("not_found", `Previous response with id '${id}' not found.`, { details: { param: "previous_response_id" } });
      chain.unshift(found.body);
      id = found.body.previous_response_id;
    }
    const items: ResponseItem[] = [];
    for (const response of chain) items.push(...(await deps.items.all(caller.projectId, { runId: response.id, status: "input" })), ...response.output);
    return items;
  }
  const conversationId = conversationIdOf(request);
  if (!conversationId) return [];
  const conversation = await findConversation(deps, caller, conversationId);
  return deps.items.all(caller.projectId, { threadId: conversation.id });
}

function conversationIdOf(request: ResponseRequest): string | undefined {
  const conversation = request.conversation;
  return typeof conversation === "string" ? conversation : (conversation?.id ?? undefined);
}

function chatRequest(request: ResponseRequest, items: readonly ResponseItem[]): ChatRequest {
  const tools = (request.tools ?? []).map((tool) => ({ type: "function" as const, function: { name: tool.name, ...(tool.description ? { description: tool.description } : {}), ...(tool.parameters ? { parameters: tool.parameters } : {}) } }));
  return {
    model: request.model,
    messages: [...(request.instructions ? [{ role: "system" as const, content: request.instructions }] : []), ...chatMessages(items)],
    ...(tools.length > 0 ? { tools, ...(request.parallel_tool_calls === false ? { parallel_tool_calls: false } : {}) } : {}),
    ...(tools.length > 0 && request.tool_choice !== undefined && request.tool_choice !== "auto" ? { tool_choice: request.tool_choice } : {}),
    ...(request.temperature == null ? {} : { temperature: request.temperature }),
    ...(request.top_p == null ? {} : { top_p: request.top_p }),
    ...(request.max_output_tokens == null ? {} : { max_tokens: request.max_output_tokens }),
  };
}

function newResponse(request: ResponseRequest): ResponseObject {
  const conversationId = conversationIdOf(request);
  return {
    id: newId("resp"),
    object: "response",
    created_at: nowSeconds(),
    status: "in_progress",
    error: null,
    incomplete_details: null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: request.model,
    output: [],
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    conversation: conversationId ? { id: conversationId } : null,
    reasoning: { effort: null, summary: null },
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: (request.tools ?? []).map((tool) => ({ description: null, parameters: null, strict: true, ...tool })),
    top_p: request.top_p ?? 1,
    truncation: "disabled",
    usage: null,
    metadata: request.metadata ?? {},
  };
}

/** Keeps a stored response, its input items, and (in a conversation) the turn's items as the conversation's. */
async function keep(deps: AssistantDeps, caller: Caller, response: ResponseObject, input: readonly ResponseItem[]): Promise<void> {
  const conversationId = response.conversation?.id;
  await deps.db.transaction(async (trx) => {
    if (response.store) {
      await deps.responses.in(trx).insert(caller.projectId, response, { status: response.status });
      for (const item of input) await deps.items.in(trx).insert(caller.projectId, { ...item, id: `${response.id}:${item.id}` } as ResponseItem, { runId: response.id, status: "input" });
    }
    if (!conversationId) return;
    for (const item of [...input, ...response.output]) await deps.items.in(trx).insert(caller.projectId, item, { threadId: conversationId, status: "conversation" });
  });
}

/**
 * POST /v1/responses: one model call through the gateway, answered whole or as OpenAI's events as
 * they happen. The call is named `<response id>/call-1` (ADR 0034): a repeat is never a second charge.
 */
export async function createResponse(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const request = parseRequest(responseCreateSchema, input.body);
  if (request.previous_response_id && request.conversation) throw new AppError("invalid_request", "previous_response_id and conversation cannot be used together.", { details: { param: "conversation" } });
  const items = inputItems(request.input ?? []);
  const context = await contextItems(deps, caller, request);
  const started = newResponse(request);
  const chat = chatRequest(request, [...context, ...items]);
  if (request.stream !== true) {
    const answer = await deps.model.chat(caller.principalJson, chat, caller.requestId, { callId: `${started.id}/call-1` });
    const finished = finishedResponse(started, answer, outputItems(answer));
    await keep(deps, caller, finished, items);
    return { body: finished };
  }
  return { stream: (emit) => streamResponse(deps, caller, { started, chat, items }, new ResponseEventStream(emit)) };
}

/** A streamed response: the model call streamed, its deltas relayed; a failure ends it `response.failed`. */
async function streamResponse(deps: AssistantDeps, caller: Caller, turn: { started: ResponseObject; chat: ChatRequest; items: ResponseItem[] }, events: ResponseEventStream): Promise<void> {
  events.begin(turn.started);
  let finished: ResponseObject;
  try {
    const answer = await deps.model.chat(caller.principalJson, turn.chat, caller.requestId, { onDelta: (delta) => events.delta(delta), callId: `${turn.started.id}/call-1`, ...(caller.signal ? { signal: caller.signal } : {}) });
    finished = finishedResponse(turn.started, answer, events.output(answer));
  } catch (error) {
    const appError = toAppError(error);
    // The client went away: the call was cancelled (and charged by the gateway); kept as cancelled.
    const status = caller.signal?.aborted ? "cancelled" : "failed";
    finished = { ...turn.started, status, error: status === "cancelled" ? null : { code: "server_error", message: appError.code === "internal" ? "The model call failed." : appError.message } };
  }
  await keep(deps, caller, finished, turn.items);
  if (finished.status !== "cancelled") events.finish(finished);
}

async function findResponse(deps: AssistantDeps, caller: Caller, id: string | undefined): Promise<ResponseObject> {
  const found = id ? await deps.responses.find(caller.projectId, id) : undefined;
  if (!found) throw notFound("response", id);
  return found.body;
}

export async function retrieveResponse(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findResponse(deps, caller, input.params.response_id) };
}

export async function deleteResponse(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const response = await findResponse(deps, caller, input.params.response_id);
  await deps.responses.delete(caller.projectId, response.id);
  return { body: { id: response.id, object: "response", deleted: true } };
}

/** Only background responses can be cancelled, and this service answers every response in the foreground. */
export async function cancelResponse(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  await findResponse(deps, caller, input.params.response_id);
  throw new AppError("invalid_request", "Only responses created with background=true can be cancelled.", { details: { param: null } });
}

export async function listInputItems(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const response = await findResponse(deps, caller, input.params.response_id);
  const page = await deps.items.list(caller.projectId, { runId: response.id, status: "input" }, pageRequest(input.query));
  return { body: listBody({ ...page, data: page.data.map((item) => ({ ...item, id: item.id.slice(response.id.length + 1) })) }) };
}
