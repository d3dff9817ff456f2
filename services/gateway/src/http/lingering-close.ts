import type { Socket } from "node:net";
import type { Request, Response } from "express";

/** How long and how much the gateway keeps reading, and discarding, after refusing a body unread. */
export interface LingerLimits {
  maxMs: number;
  maxBytes: number;
}

/**
 * Long enough for a client on a loaded machine to send what it had started (a few MiB at local
 * speed takes milliseconds, a slow link seconds); bounded so that a client declaring a terabyte
 * cannot hold the connection (ADR 0030). nginx's `lingering_time` is the same idea.
 */
export const DEFAULT_LINGER: LingerLimits = { maxMs: 5_000, maxBytes: 64 * 1024 * 1024 };

/**
 * Answers a request whose body was refused before it was read (too large, unauthenticated) with
 * `Connection: close`, then closes the way production servers do (a "lingering close"): the answer
 * and a FIN are sent, and whatever the client still sends is read and thrown away until it closes
 * its side, or the limits are reached, before the socket is destroyed.
 *
 * Why: Node destroys the socket as soon as the answer is written. Closing a socket with unread bytes
 * in it (the body still arriving) makes the kernel send a reset, and a client that is still writing
 * then fails with ECONNRESET and often never reads the 413 that was already on its way.
 */
export function closeAfterAnswer(request: Request, response: Response, limits: LingerLimits = DEFAULT_LINGER): void {
  response.setHeader("connection", "close");
  const socket = request.socket;
  // Node's HTTP server calls `destroySoon` once the answer is written to a connection that closes
  // (`Connection: close`); this socket lingers instead of being destroyed at once.
  socket.destroySoon = () => linger(socket, limits);
}

/** Half-closes, then reads and discards until the client closes its side or a limit is reached. */
export function linger(socket: Socket, limits: LingerLimits): void {
  // Half-close: the answer is followed by a FIN, so the client knows that no more will come.
  if (socket.writable) socket.end();
  let discarded = 0;
  const timer = setTimeout(() => socket.destroy(), limits.maxMs);
  timer.unref();
  const stop = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  // The HTTP parser may still read the socket and drop the body (the request was dumped); this counts
  // the bytes, and keeps the socket flowing when nothing else reads it.
  socket.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxBytes) stop();
  });
  // The client closed its side: everything it sent was read, nothing is left to reset.
  socket.once("end", stop);
  // A request stream that was paused (backpressure) pauses its socket: flow again, or the client's
  // bytes stay unread until the timer and the close resets the connection after all.
  socket.resume();
  socket.once("close", () => clearTimeout(timer));
}
