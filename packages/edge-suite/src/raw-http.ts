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

/** How an upload is written: all at once, or in chunks with a pause between them. */
export interface UploadPace {
  chunkBytes?: number;
  pauseMs?: number;
}

/**
 * Sends a request head and then a body the way a real client does, reading the answer while it
 * writes (as browsers and HTTP libraries do). Resolves with what the server answered and whether
 * writing failed (a reset before the body was all sent).
 */
export function uploadRequest(url: string, head: string, body: Buffer, pace: UploadPace = {}, timeoutMs = 30_000): Promise<RawAnswer & { writeError?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let writeError: string | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseAnswer(Buffer.concat(chunks).toString("latin1")), ...(writeError ? { writeError } : {}) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("close", finish);
    socket.on("error", (error: NodeJS.ErrnoException) => {
      writeError = error.code ?? error.message;
      finish();
    });
    socket.write(head, "latin1");
    if (!pace.chunkBytes) {
      socket.write(body, () => undefined);
      return;
    }
    void (async () => {
      for (let offset = 0; offset < body.length && !done && socket.writable; offset += pace.chunkBytes!) {
        if (!socket.write(body.subarray(offset, offset + pace.chunkBytes!))) await new Promise((drained) => socket.once("drain", drained).once("close", drained));
        if (pace.pauseMs) await new Promise((paused) => setTimeout(paused, pace.pauseMs));
      }
    })();
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
