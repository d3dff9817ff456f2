import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { newId } from "./ids.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import { nowSeconds } from "./objects.js";
import { inputItems, type ResponseItem } from "./response-items.js";
import { conversationCreateSchema, conversationItemsSchema } from "./response-requests.js";
import { metadataUpdateSchema, parseRequest } from "./requests.js";

export interface ConversationObject {
  id: string;
  object: "conversation";
  created_at: number;
  metadata: Record<string, string>;
}

export async function findConversation(deps: AssistantDeps, caller: Caller, id: string | undefined): Promise<ConversationObject> {
  const found = id ? await deps.conversations.find(caller.projectId, id) : undefined;
  if (!found) throw notFound("conversation", id);
  return found.body;
}

async function addItems(deps: AssistantDeps, caller: Caller, conversationId: string, items: readonly ResponseItem[]): Promise<void> {
  await deps.db.transaction(async (trx) => {
    for (const item of items) await deps.items.in(trx).insert(caller.projectId, item, { threadId: conversationId, status: "conversation" });
  });
}

export async function createConversation(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const request = parseRequest(conversationCreateSchema, input.body);
  const conversation: ConversationObject = { id: newId("conv"), object: "conversation", created_at: nowSeconds(), metadata: request.metadata ?? {} };
  await deps.conversations.insert(caller.projectId, conversation);
  await addItems(deps, caller, conversation.id, inputItems(request.items ?? []));
  return { body: conversation };
}

export async function retrieveConversation(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findConversation(deps, caller, input.params.conversation_id) };
}

export async function updateConversation(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const conversation = await findConversation(deps, caller, input.params.conversation_id);
  const updated = { ...conversation, metadata: parseRequest(metadataUpdateSchema, input.body).metadata ?? conversation.metadata };
  await deps.conversations.update(caller.projectId, updated);
  return { body: updated };
}

export async function deleteConversation(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const conversation = await findConversation(deps, caller, input.params.conversation_id);
  await deps.conversations.delete(caller.projectId, conversation.id);
  return { body: { id: conversation.id, object: "conversation.deleted", deleted: true } };
}

export async function createConversationItems(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const conversation = await findConversation(deps, caller, input.params.conversation_id);
  const items = inputItems(parseRequest(conversationItemsSchema, input.body).items);
  await addItems(deps, caller, conversation.id, items);
  return { body: listBody({ data: items, hasMore: false }) };
}

export async function listConversationItems(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const conversation = await findConversation(deps, caller, input.params.conversation_id);
  return { body: listBody(await deps.items.list(caller.projectId, { threadId: conversation.id }, pageRequest(input.query))) };
}

async function findItem(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<{ conversation: ConversationObject; item: ResponseItem }> {
  const conversation = await findConversation(deps, caller, input.params.conversation_id);
  const id = input.params.item_id;
  const found = id ? await deps.items.find(caller.projectId, id, { threadId: conversation.id }) : undefined;
  if (!found) throw notFound("item", id);
  return { conversation, item: found.body };
}

export async function retrieveConversationItem(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: (await findItem(deps, caller, input)).item };
}

export async function deleteConversationItem(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const { conversation, item } = await findItem(deps, caller, input);
  await deps.items.delete(caller.projectId, item.id);
  return { body: conversation };
}
