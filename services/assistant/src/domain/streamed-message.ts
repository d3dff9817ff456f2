import type { ChatDelta } from "../ports/model-caller.js";
import { newId } from "./ids.js";
import type { RunObject } from "./objects.js";
import { assistantMessage, messageDelta, newStep } from "./run-objects.js";
import type { RunEvents } from "./run-executor.js";

/**
 * The assistant's message of a watched run while the model streams it (ADR 0029): opened at the
 * first text delta (its step and the message created, in progress), then one `thread.message.delta`
 * per delta as it arrives. Its ids are fixed up front so that the saved message is the one streamed.
 */
export class StreamedMessage {
  readonly messageId = newId("msg");
  readonly stepId = newId("step");
  #opened = false;

  constructor(
    private readonly run: RunObject,
    private readonly sink: RunEvents,
  ) {}

  get opened(): boolean {
    return this.#opened;
  }

  delta(delta: ChatDelta): void {
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
}
