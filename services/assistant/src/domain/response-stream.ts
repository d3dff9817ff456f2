import type { ChatAnswer, ChatDelta } from "../ports/model-caller.js";
import type { EmitEvent } from "./deps.js";
import { newId } from "./ids.js";
import { outputItems, type ResponseItem } from "./response-items.js";
import type { ResponseObject } from "./response-object.js";

const TEXT_PART = { type: "output_text", text: "", annotations: [], logprobs: [] };

/**
 * OpenAI's streaming events of a response, sent as the model writes (ADR 0029): created and
 * in_progress; an output item opened at its first delta, then `response.output_text.delta` or
 * `response.function_call_arguments.delta` per delta; at the end each item's done events and
 * `response.completed` (or `response.failed`). Every event carries its sequence number. Item ids are
 * fixed when an item opens, so the stored response has the ids the client saw.
 */
export class ResponseEventStream {
  #sequence = 0;
  #messageId: string | undefined;
  readonly #callIds = new Map<number, string>();

  constructor(private readonly emitEvent: EmitEvent) {}

  begin(started: ResponseObject): void {
    this.#emit("response.created", { response: started });
    this.#emit("response.in_progress", { response: started });
  }

  delta(delta: ChatDelta): void {
    if (typeof delta.content === "string" && delta.content !== "") {
      if (this.#messageId === undefined) this.#openMessage(newId("msg"));
      this.#emit("response.output_text.delta", { item_id: this.#messageId, output_index: 0, content_index: 0, delta: delta.content, logprobs: [] });
    }
    for (const call of delta.tool_calls ?? []) {
      let id = this.#callIds.get(call.index);
      if (id === undefined) {
        id = newId("fc");
        this.#callIds.set(call.index, id);
        const item = { type: "function_call", id, call_id: call.id ?? "", name: call.function?.name ?? "", arguments: "", status: "in_progress" };
        this.#emit("response.output_item.added", { output_index: call.index, item });
      }
      if (call.function?.arguments) this.#emit("response.function_call_arguments.delta", { item_id: id, output_index: call.index, delta: call.function.arguments });
    }
  }

  /** The answer's output items, with the ids their deltas already used. */
  output(answer: ChatAnswer): ResponseItem[] {
    let callIndex = 0;
    return outputItems(answer).map((item) => {
      if (item.type === "message") return { ...item, id: this.#messageId ?? item.id };
      if (item.type === "function_call") return { ...item, id: this.#callIds.get(callIndex++) ?? item.id };
      return item;
    });
  }

  /** Closes every item (sending whole the ones no delta opened) and ends with completed or failed. */
  finish(finished: ResponseObject): void {
    finished.output.forEach((item, outputIndex) => {
      if (item.type === "message") {
        const text = item.content.map((part) => part.text).join("");
        if (this.#messageId !== item.id) {
          this.#openMessage(item.id, outputIndex);
          this.#emit("response.output_text.delta", { item_id: item.id, output_index: outputIndex, content_index: 0, delta: text, logprobs: [] });
        }
        this.#emit("response.output_text.done", { item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
        this.#emit("response.content_part.done", { item_id: item.id, output_index: outputIndex, content_index: 0, part: { ...TEXT_PART, text } });
      } else if (item.type === "function_call") {
        if (![...this.#callIds.values()].includes(item.id)) {
          this.#emit("response.output_item.added", { output_index: outputIndex, item: { ...item, status: "in_progress", arguments: "" } });
          this.#emit("response.function_call_arguments.delta", { item_id: item.id, output_index: outputIndex, delta: item.arguments });
        }
        this.#emit("response.function_call_arguments.done", { item_id: item.id, output_index: outputIndex, name: item.name, arguments: item.arguments });
      }
      this.#emit("response.output_item.done", { output_index: outputIndex, item });
    });
    this.#emit(finished.status === "failed" ? "response.failed" : finished.status === "incomplete" ? "response.incomplete" : "response.completed", { response: finished });
  }

  #openMessage(id: string, outputIndex = 0): void {
    this.#messageId = id;
    const item = { type: "message", id, role: "assistant", status: "in_progress", content: [] };
    this.#emit("response.output_item.added", { output_index: outputIndex, item });
    this.#emit("response.content_part.added", { item_id: id, output_index: outputIndex, content_index: 0, part: TEXT_PART });
  }

  #emit(type: string, fields: Record<string, unknown>): void {
    this.emitEvent({ event: type, data: { type, sequence_number: this.#sequence++, ...fields } });
  }
}
