import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * What the in-process gateway read from the sockets of marked requests (`x-edge-probe: <id>`),
 * seen through Node's own `http.server.request.start` channel: the real server socket, no mock.
 */
export class SocketProbe {
  readonly #sockets = new Map<string, Socket>();
  readonly #readWhenAnswered = new Map<string, number>();
  readonly #listener = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const id = request.headers["x-edge-probe"];
    if (typeof id === "string") this.#sockets.set(id, socket);
  };
  readonly #finishListener = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const id = request.headers["x-edge-probe"];
    if (typeof id === "string") this.#readWhenAnswered.set(id, socket.bytesRead);
  };

  constructor() {
    subscribe("http.server.request.start", this.#listener);
    subscribe("http.server.response.finish", this.#finishListener);
  }

  /**
   * Bytes the gateway had read when its answer was written: what it read to decide. After a refusal
   * it goes on reading and discarding what the client still sends (a lingering close, ADR 0030), so
   * the connection's total depends on how much the client had in flight.
   */
  bytesReadBeforeAnswer(id: string): number {
    const read = this.#readWhenAnswered.get(id);
    if (read === undefined) throw new Error(`no answer to ${id} seen`);
    return read;
  }

  /** Bytes the gateway read from the request's connection (headers included). */
  bytesRead(id: string): number {
    const socket = this.#sockets.get(id);
    if (!socket) throw new Error(`no request ${id} seen`);
    return socket.bytesRead;
  }

  close(): void {
    unsubscribe("http.server.request.start", this.#listener);
    unsubscribe("http.server.response.finish", this.#finishListener);
  }
}

export interface LargeUpload {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Bytes the client handed to its socket before the answer came (the rest was never sent). */
  bytesWritten: number;
}

/**
 * Sends `body` in 64 KiB chunks with backpressure and stops writing once an answer arrives; a reset
 * or broken pipe after the answer is expected (the gateway closes without reading).
 */
export function sendLarge(url: string, options: { method?: string; headers: Record<string, string>; body: Buffer; localAddress?: string; chunked?: boolean }): Promise<LargeUpload> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let bytesWritten = 0;
    const request = httpRequest(url, { method: options.method ?? "POST", headers: options.chunked ? options.headers : { ...options.headers, "content-length": String(options.body.length) }, localAddress: options.localAddress }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), bytesWritten }));
      response.on("error", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8"), bytesWritten }));
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunkSize = 64 * 1024;
    const writeMore = () => {
      while (!answered && bytesWritten < options.body.length) {
        const chunk = options.body.subarray(bytesWritten, bytesWritten + chunkSize);
        bytesWritten += chunk.length;
        if (!request.write(chunk)) {
          request.once("drain", writeMore);
          return;
        }
      }
      if (!answered) request.end();
    };
    writeMore();
  });
}

/** A JSON chat body of exactly `size` bytes, held outside the V8 heap. */
export function largeChatBody(size: number): Buffer {
  const head = Buffer.from('{"model":"m","messages":[{"role":"user","content":"');
  const tail = Buffer.from('"}]}');
  const body = Buffer.alloc(size, 0x61);
  head.copy(body, 0);
  tail.copy(body, size - tail.length);
  return body;
}
