import type { ServerWritableStream } from "@grpc/grpc-js";
import { acceptRequestId, toAppError, type Logger, REQUEST_ID_HEADER } from "@llm-serve/common";
import { appErrorToServiceError } from "./error-status.js";
import type { CallContext } from "./server.js";

/** What a server-streaming handler gets besides the request: the call's context and a writer. */
export interface StreamCallContext<Response> extends CallContext {
  /** Sends one message; resolves once the transport took it (waits while the client reads slowly). */
  write(response: Response): Promise<void>;
}

/**
 * A server-streaming handler: writes its messages as they come and resolves when done (the stream
 * then ends OK) or throws (the stream ends with the error's status). Pushing suits producers that
 * emit as they go (a model's deltas, a run's events) better than returning an iterable.
 */
export type ServerStreamHandler<Request, Response> = (request: Request, context: StreamCallContext<Response>) => Promise<void>;

/** Adapts a ServerStreamHandler to grpc-js: request id, child logger, cancellation, one log line, the error table. */
export function wrapServerStream(path: string, handler: ServerStreamHandler<unknown, unknown>, baseLogger: Logger) {
  return (call: ServerWritableStream<unknown, unknown>) => {
    const started = performance.now();
    const requestId = acceptRequestId(call.metadata.get(REQUEST_ID_HEADER)[0]);
    const logger = baseLogger.child({ requestId, rpc: path });
    const abort = new AbortController();
    call.on("cancelled", () => abort.abort(new Error("the caller cancelled the stream")));
    const write = (response: unknown) => writeMessage(call, response, abort.signal);
    handler(call.request, { requestId, logger, metadata: call.metadata, signal: abort.signal, write }).then(
      () => {
        logger.info({ outcome: abort.signal.aborted ? "cancelled" : "ok", durationMs: Math.round(performance.now() - started) }, "rpc");
        if (!abort.signal.aborted) call.end();
      },
      (thrown: unknown) => {
        const error = toAppError(thrown);
        const durationMs = Math.round(performance.now() - started);
        if (error.code === "internal" && !abort.signal.aborted) logger.error({ err: thrown, outcome: "error", errorCode: error.code, durationMs }, "rpc");
        else logger.info({ outcome: abort.signal.aborted ? "cancelled" : "error", errorCode: error.code, durationMs }, "rpc");
        if (!abort.signal.aborted) call.emit("error", appErrorToServiceError(error, requestId));
      },
    );
  };
}

/** Writes with backpressure: waits for `drain` when the transport's buffer is full, gives up once cancelled. */
function writeMessage(call: ServerWritableStream<unknown, unknown>, response: unknown, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (call.write(response)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      call.off("drain", done);
      signal.removeEventListener("abort", cancelled);
      resolve();
    };
    const cancelled = () => {
      call.off("drain", done);
      reject(signal.reason);
    };
    call.on("drain", done);
    signal.addEventListener("abort", cancelled, { once: true });
  });
}
