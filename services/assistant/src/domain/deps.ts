import type { Knex } from "@llm-serve/common";
import type { AssistantEvents } from "../events/assistant-events.js";
import type { KeyChecker } from "../ports/key-checker.js";
import type { ModelCaller } from "../ports/model-caller.js";
import type { PromptTokenCounter } from "../ports/prompt-tokens.js";
import type { DocumentStore } from "../store/document-store.js";
import type { ConversationObject } from "./conversation-operations.js";
import type { ResponseItem } from "./response-items.js";
import type { ResponseObject } from "./response-object.js";
import type { AssistantObject, MessageObject, RunObject, RunStatus, RunStepObject, ThreadObject } from "./objects.js";

/** Counts the runs that reach each status (told once the change is committed). */
export interface RunMeter {
  reached(status: RunStatus): void;
}

export interface AssistantDeps {
  db: Knex;
  assistants: DocumentStore<AssistantObject>;
  threads: DocumentStore<ThreadObject>;
  messages: DocumentStore<MessageObject>;
  runs: DocumentStore<RunObject>;
  steps: DocumentStore<RunStepObject>;
  responses: DocumentStore<ResponseObject>;
  conversations: DocumentStore<ConversationObject>;
  /** Responses' input items and conversations' items. */
  items: DocumentStore<ResponseItem>;
  model: ModelCaller;
  /** Counts prompts against a run's max_prompt_tokens. */
  tokens: PromptTokenCounter;
  /** Asked before a run left by a stopped instance is resumed (its key may have been revoked). */
  keys: KeyChecker;
  events: AssistantEvents;
  meter: RunMeter;
  /** How long a run may wait in requires_action before it expires (OpenAI: 10 minutes). */
  runExpirySeconds: number;
  /** Advances a run after its answer was sent (non-streamed runs); errors are the runner's to log. */
  inBackground(runId: string, work: () => Promise<unknown>): void;
  /** True while the instance stops: its runs are left for another instance to resume, not failed. */
  isStopping(): boolean;
}

/** Who asked, as the gateway authenticated them: every object is scoped to the project. */
export interface Caller {
  projectId: string;
  principalJson: string;
  requestId: string;
  /** Aborted when the client of a streamed operation goes away: its model call is cancelled (ADR 0029). */
  signal?: AbortSignal;
}

/** One operation's input as the gateway forwarded it. */
export interface OperationInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export interface StreamEvent {
  event: string;
  data: unknown;
}

/** Where a streamed operation sends its events, as they happen. */
export type EmitEvent = (event: StreamEvent) => void;

/**
 * A plain answer, or (for a streamed operation) its server-sent events: already known (`events`), or
 * produced as the work goes (`stream`, resolved when the last one was emitted). An operation checks
 * its input before it returns, so a bad request is an HTTP error rather than an event.
 */
export type OperationResult = { body: unknown } | { events: StreamEvent[] } | { stream: (emit: EmitEvent) => Promise<void> };
