import type { ChatDelta } from "../ports/model-caller.js";
import { newId } from "./ids.js";
import type { RunObject } from "./objects.js";
import { assistantMessage, messageDelta, newStep, toolCallsDelta } from "./run-objects.js";
import type { RunEvents } from "./run-executor.js";

/**
 * What a watched run's model call streams, as OpenAI's run events (ADR 0029): the assistant's
 * message, opened at the first text delta (its step and the message created, in progress), then one
 * `thread.message.delta` per delta as it arrives; the tool calls, opened at the first tool-call
 * delta (a `tool_calls` step created, in progress), then one `thread.run.step.delta` per delta with
 * the call's index, id, name and arguments fragment. Ids are fixed up front so that the saved message
 * and steps are the ones streamed.
 */
export class StreamedMessage {
  readonly messageId = newId("msg");
  readonly stepId = newId("step");
  readonly toolStepId = newId("step");
  #opened = false;
  #toolsOpened = false;

  constructor(
    private readonly run: RunObject,
    private readonly sink: RunEvents,
  ) {}

  get opened(): boolean {
    return this.#opened;
  }

  /** True once the tool-calls step was announced (its `thread.run.step.created` is not sent again). */
  get toolsOpened(): boolean {
    return this.#toolsOpened;
  }

  delta(delta: ChatDelta): void {
    if (delta.tool_calls?.length) this.#toolCalls(delta.tool_calls);
    if (typeof delta.content !== "string" || delta.content === "") return;
    if (!this.#opened) this.open();
    this.sink.emit("thread.message.delta", messageDelta(this.messageId, delta.content));
  }

  /** The step and message events that come before the text (also for an answer that was not streamed). */
  open(): void {
    this.#opened = true;
    const message = assistantMessage(this.run, this.messageId, null);
    this.sink.emit("thread.run.step.created", newStep(this.run, this.stepId, { type: "message_creation", message_creation: { message_id: this.messageId } }, null, false));
    this.sink.emit("thread.message.created", message);
    this.sink.emit("thread.message.in_progress", message);
  }

  #toolCalls(calls: NonNullable<ChatDelta["tool_calls"]>): void {
    if (!this.#toolsOpened) {
      this.#toolsOpened = true;
      this.sink.emit("thread.run.step.created", newStep(this.run, this.toolStepId, { type: "tool_calls", tool_calls: [] }, null, false));
    }
    this.sink.emit("thread.run.step.delta", toolCallsDelta(this.toolStepId, calls));
  }
}
