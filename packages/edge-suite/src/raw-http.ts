import { connect, type Socket } from "node:net";

export interface RawAnswer {
  /** 0 when the server closed without answering. */
  status: number;
  text: string;
}

/**
 * Writes raw bytes to an HTTP server and reads until it closes the connection (or `timeoutMs`):
 * for requests fetch refuses to send (oversized or invalid headers, lying content lengths).
 */
export function rawRequest(url: string, bytes: Buffer | string, timeoutMs = 20_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString("latin1")));
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", finish);
    socket.on("error", finish);
    // The server may answer and close before everything is written: that is an answer, not an error.
    socket.write(bytes, () => undefined);
  });
}

export function parseAnswer(text: string): RawAnswer {
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
  return { status: status ? Number(status) : 0, text };
}

/** A slowloris client: opens a connection and sends a request's header bytes one by one, slowly. */
export interface SlowClient {
  /** Resolves with what the server answered when it closed the connection. */
  closed: Promise<RawAnswer & { afterMs: number }>;
  stop(): void;
}

export function slowClient(url: string, header: string, byteEveryMs: number): SlowClient {
  const { hostname, port } = new URL(url);
  const socket: Socket = connect(Number(port), hostname);
  const started = performance.now();
  const chunks: Buffer[] = [];
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < header.length && socket.writable) socket.write(header[sent++]!);
  }, byteEveryMs);
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => undefined);
  const closed = new Promise<RawAnswer & { afterMs: number }>((resolve) => {
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ ...parseAnswer(Buffer.concat(chunks).toString("latin1")), afterMs: performance.now() - started });
    });
  });
  return {
    closed,
    stop: () => {
      clearInterval(timer);
      socket.destroy();
    },
  };
}
