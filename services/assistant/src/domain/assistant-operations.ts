import type { AssistantDeps, Caller, OperationInput, OperationResult } from "./deps.js";
import { listBody, notFound, pageRequest } from "./list-page.js";
import { newId } from "./ids.js";
import { nowSeconds, type AssistantObject } from "./objects.js";
import { assistantCreateSchema, assistantUpdateSchema, parseRequest } from "./requests.js";

/** The Assistant aggregate: linked to a model, with valid tool configs (checked by its request schemas). */
export async function createAssistant(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const request = parseRequest(assistantCreateSchema, input.body);
  const assistant: AssistantObject = {
    id: newId("asst"),
    object: "assistant",
    created_at: nowSeconds(),
    name: request.name ?? null,
    description: request.description ?? null,
    model: request.model,
    instructions: request.instructions ?? null,
    tools: request.tools ?? [],
    tool_resources: request.tool_resources ?? {},
    metadata: request.metadata ?? {},
    temperature: request.temperature ?? 1,
    top_p: request.top_p ?? 1,
    response_format: request.response_format ?? "auto",
  };
  await deps.assistants.insert(caller.projectId, assistant);
  return { body: assistant };
}

export async function findAssistant(deps: AssistantDeps, caller: Caller, id: string | undefined): Promise<AssistantObject> {
  const found = id ? await deps.assistants.find(caller.projectId, id) : undefined;
  if (!found) throw notFound("assistant", id);
  return found.body;
}

export async function retrieveAssistant(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: await findAssistant(deps, caller, input.params.assistant_id) };
}

export async function updateAssistant(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const current = await findAssistant(deps, caller, input.params.assistant_id);
  const request = parseRequest(assistantUpdateSchema, input.body);
  const defined = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
  const updated: AssistantObject = { ...current, ...defined, metadata: request.metadata ?? current.metadata, tools: request.tools ?? current.tools } as AssistantObject;
  await deps.assistants.update(caller.projectId, updated);
  return { body: updated };
}

export async function deleteAssistant(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  const id = input.params.assistant_id;
  if (!id || !(await deps.assistants.delete(caller.projectId, id))) throw notFound("assistant", id);
  return { body: { id, object: "assistant.deleted", deleted: true } };
}

export async function listAssistants(deps: AssistantDeps, caller: Caller, input: OperationInput): Promise<OperationResult> {
  return { body: listBody(await deps.assistants.list(caller.projectId, {}, pageRequest(input.query))) };
}
