import { createAssistant, deleteAssistant, listAssistants, retrieveAssistant, updateAssistant } from "../domain/assistant-operations.js";
import { createConversation, createConversationItems, deleteConversation, deleteConversationItem, listConversationItems, retrieveConversation, retrieveConversationItem, updateConversation } from "../domain/conversation-operations.js";
import { cancelResponse, createResponse, deleteResponse, listInputItems, retrieveResponse } from "../domain/response-operations.js";
import type { AssistantDeps, Caller, OperationInput, OperationResult } from "../domain/deps.js";
import { cancelRun, createRun, createThreadAndRun, listRuns, retrieveRun, updateRun } from "../domain/run-operations.js";
import { createMessage, deleteMessage, deleteThread, listMessages, retrieveMessage, retrieveThread, updateMessage, updateThread } from "../domain/thread-operations.js";
import { createMessageShorthand, createThreadShorthand } from "../domain/shorthand-operations.js";
import { listSteps, retrieveStep, submitToolOutputs } from "../domain/tool-output-operations.js";

export type Operation = (deps: AssistantDeps, caller: Caller, input: OperationInput) => Promise<OperationResult>;

/** The closed list of operations the gateway may forward (its route table names them the same). */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  "assistants.create": createAssistant,
  "assistants.list": listAssistants,
  "assistants.retrieve": retrieveAssistant,
  "assistants.update": updateAssistant,
  "assistants.delete": deleteAssistant,
  "threads.create": createThreadShorthand,
  "messages.shorthand": createMessageShorthand,
  "threads.create_and_run": createThreadAndRun,
  "threads.retrieve": retrieveThread,
  "threads.update": updateThread,
  "threads.delete": deleteThread,
  "messages.create": createMessage,
  "messages.list": listMessages,
  "messages.retrieve": retrieveMessage,
  "messages.update": updateMessage,
  "messages.delete": deleteMessage,
  "runs.create": createRun,
  "runs.list": listRuns,
  "runs.retrieve": retrieveRun,
  "runs.update": updateRun,
  "runs.cancel": cancelRun,
  "runs.submit_tool_outputs": submitToolOutputs,
  "steps.list": listSteps,
  "steps.retrieve": retrieveStep,
  "responses.create": createResponse,
  "responses.retrieve": retrieveResponse,
  "responses.delete": deleteResponse,
  "responses.cancel": cancelResponse,
  "responses.input_items": listInputItems,
  "conversations.create": createConversation,
  "conversations.retrieve": retrieveConversation,
  "conversations.update": updateConversation,
  "conversations.delete": deleteConversation,
  "conversations.items.create": createConversationItems,
  "conversations.items.list": listConversationItems,
  "conversations.items.retrieve": retrieveConversationItem,
  "conversations.items.delete": deleteConversationItem,
};
