import { Metadata, type Client, type ServiceError } from "@grpc/grpc-js";
import { REQUEST_ID_HEADER } from "@llm-serve/common";
import { serviceErrorToAppError } from "./error-status.js";
import type { ServiceDefinitionOf } from "./types.js";
import type { CallOptions } from "./client.js";

/**
 * Calls a server-streaming method on one instance and yields its messages as they arrive. Errors are
 * typed AppErrors; the call is cancelled when `options.signal` aborts or when the consumer stops
 * iterating early (a `break`), so the server sees the cancellation. Not retried: a stream may have
 * had effects by the time it fails.
 */
export async function* serverStreamCall(channel: Client, method: ServiceDefinitionOf[string], request: unknown, options: CallOptions, defaultDeadlineMs: number): AsyncGenerator<unknown> {
  const metadata = new Metadata();
  if (options.requestId) metadata.set(REQUEST_ID_HEADER, options.requestId);
  const call = channel.makeServerStreamRequest(method.path, method.requestSerialize, method.responseDeserialize, request, metadata, {
    deadline: Date.now() + (options.deadlineMs ?? defaultDeadlineMs),
  });
  const cancel = () => call.cancel();
  options.signal?.addEventListener("abort", cancel, { once: true });
  let ended = false;
  try {
    for await (const message of call) yield message;
    ended = true;
  } catch (error) {
    ended = true;
    if (options.signal?.aborted) throw options.signal.reason;
    throw serviceErrorToAppError(error as ServiceError);
  } finally {
    options.signal?.removeEventListener("abort", cancel);
    if (!ended) call.cancel();
  }
}
