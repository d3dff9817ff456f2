import type { gatewayInferenceV1 } from "@llm-serve/proto";
import type { StreamSink } from "../pipeline/execute-stream.js";

/**
 * The StreamSink of an internal streamed model call (ADR 0029): each chunk becomes one gRPC message,
 * written with the stream's backpressure; a failure after the first chunk travels as `error_json`
 * (as it would as a final SSE error event). Headers, heartbeats and `[DONE]` have no gRPC meaning.
 */
export class GrpcChunkSink implements StreamSink {
  #started = false;

  constructor(private readonly write: (message: gatewayInferenceV1.ChatCompletionChunk) => Promise<void>) {}

  get started(): boolean {
    return this.#started;
  }

  start(): void {
    this.#started = true;
  }

  async data(payload: unknown): Promise<void> {
    await this.write({ chunkJson: JSON.stringify(payload), errorJson: "" });
  }

  async error(body: unknown): Promise<void> {
    await this.write({ chunkJson: "", errorJson: JSON.stringify(body) });
  }

  async done(): Promise<void> {}

  end(): void {}
}
