import { TOPICS, encodeEvent, enqueueEvents, type EncodedEvent, type Knex } from "@llm-serve/common";
import type { MessageObject, RunObject, RunStepObject, ThreadObject } from "../domain/objects.js";

/**
 * The service's four topics (docs/events.md), written to the outbox in the transaction of the change
 * they describe and relayed right after the commit (`kick`). Ids, roles, statuses and counts only:
 * never the text of a message, a tool's arguments or its output.
 */
export class AssistantEvents {
  constructor(
    private readonly namespace: string,
    private readonly kick: () => void,
  ) {}

  #encode<T>(topic: (typeof TOPICS)[keyof typeof TOPICS], key: string, payload: T, requestId: string): EncodedEvent {
    return encodeEvent({ topic: topic as never, key, payload, requestId }, { source: "assistant", namespace: this.namespace });
  }

  threadCreated(projectId: string, thread: ThreadObject, messageCount: number, requestId: string): EncodedEvent {
    return this.#encode(TOPICS.threadCreated, thread.id, { threadId: thread.id, projectId, messageCount }, requestId);
  }

  messageCompleted(projectId: string, message: MessageObject, requestId: string): EncodedEvent {
    const textLength = message.content.reduce((sum, part) => sum + part.text.value.length, 0);
    return this.#encode(
      TOPICS.messageCompleted,
      message.thread_id,
      { messageId: message.id, threadId: message.thread_id, projectId, runId: message.run_id ?? "", assistantId: message.assistant_id ?? "", role: message.role, textLength },
      requestId,
    );
  }

  toolCallsCompleted(projectId: string, step: RunStepObject, requestId: string): EncodedEvent[] {
    if (step.step_details.type !== "tool_calls") return [];
    return step.step_details.tool_calls.map((call) =>
      this.#encode(TOPICS.toolCallCompleted, step.thread_id, { toolCallId: call.id, runId: step.run_id, threadId: step.thread_id, projectId, stepId: step.id, functionName: call.function.name }, requestId),
    );
  }

  runStatusChanged(projectId: string, run: RunObject, previousStatus: string, requestId: string): EncodedEvent {
    return this.#encode(
      TOPICS.runStatusChanged,
      run.thread_id,
      {
        runId: run.id,
        threadId: run.thread_id,
        projectId,
        assistantId: run.assistant_id,
        model: run.model,
        previousStatus,
        status: run.status,
        errorCode: run.last_error?.code ?? "",
        errorMessage: run.last_error?.message ?? "",
        promptTokens: run.usage?.prompt_tokens ?? 0,
        completionTokens: run.usage?.completion_tokens ?? 0,
      },
      requestId,
    );
  }

  async enqueue(trx: Knex.Transaction, events: readonly EncodedEvent[]): Promise<void> {
    await enqueueEvents(trx, events);
  }

  /** Call after the transaction committed. */
  sent(): void {
    this.kick();
  }
}
