import { randomUUID } from "node:crypto";
import { STATUS_CODES, type Server } from "node:http";
import type { Socket } from "node:net";
import { DEFAULT_LINGER, linger, type LingerLimits } from "./lingering-close.js";

/** Node's parser and timer errors, and the answer each gets (Node's own choice of status). */
const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: "request_timeout", message: "The request was not received in time." },
  HPE_HEADER_OVERFLOW: { status: 431, code: "request_headers_too_large", message: "The request's headers are too large." },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: "request_too_large", message: "The request's chunk extensions are too large." },
};
const MALFORMED = { status: 400, code: "malformed_request", message: "The request is not valid HTTP/1.1." };

const answered = new WeakSet<Socket>();

/**
 * Answers what Node's HTTP parser refuses before the app sees a request (malformed HTTP, headers too
 * large, a request not received within its time-out) in OpenAI's error shape, then closes with a
 * lingering close (ADR 0030). Node's default writes the answer and destroys the socket at once: a
 * slow client still sending then gets a reset, which can discard the 408 before it reads it (the
 * edge suite saw 2 of 20 slowloris clients get no status).
 */
export function answerClientErrors(server: Server, limits: LingerLimits = DEFAULT_LINGER): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, limits));
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket, limits: LingerLimits): void {
  // A parser in error reports again on every later chunk: the first report is answered, once.
  if (answered.has(socket)) return;
  answered.add(socket);
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  // What still arrives is never parsed: a request whose body was cut by the time-out is not run.
  socket.removeAllListeners("data");
  const answer = (error.code && ANSWERS[error.code]) || MALFORMED;
  const body = JSON.stringify({ error: { message: answer.message, type: "invalid_request_error", param: null, code: answer.code } });
  socket.write(
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
  );
  linger(socket, limits);
}
