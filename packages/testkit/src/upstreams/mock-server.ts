import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { flattenHeaders, parseBody, type RecordedRequest } from "./recorded-request.js";

export interface MockExchange {
  request: RecordedRequest;
  incoming: IncomingMessage;
  response: ServerResponse;
}

export interface MockServerOptions {
  handle(exchange: MockExchange): Promise<void> | void;
  /** Keep the last N requests (default 1000); 0 records nothing (benchmarks). */
  maxRecordedRequests?: number;
}

export interface ConnectionStats {
  /** Connections open right now. */
  open: number;
  /** Connections accepted since start (or the last reset). */
  opened: number;
  /** Connections closed since start (or the last reset). */
  closed: number;
}

/** What every mock upstream exposes, whatever the vendor. */
export interface MockUpstream {
  /** `http://127.0.0.1:<port>` (no trailing slash, no path). */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  readonly lastRequest: RecordedRequest | undefined;
  readonly connections: Readonly<ConnectionStats>;
  clearRequests(): void;
  /** Resolves once `predicate()` holds (checked on every request and connection change). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1, port 0, that records requests and counts connections. */
export async function startMockServer(options: MockServerOptions): Promise<MockUpstream> {
  const limit = options.maxRecordedRequests ?? 1000;
  const requests: RecordedRequest[] = [];
  const stats: ConnectionStats = { open: 0, opened: 0, closed: 0 };
  const sockets = new Set<Socket>();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);

  const server = createServer({ keepAliveTimeout: 30_000 }, (incoming, response) => {
    void handleRequest(incoming, response);
  });
  server.on("connection", (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    stats.open += 1;
    stats.opened += 1;
    changes.emit("change");
    socket.on("close", () => {
      sockets.delete(socket);
      stats.open -= 1;
      stats.closed += 1;
      changes.emit("change");
    });
  });

  async function handleRequest(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const recorded = await readRequest(incoming);
      response.on("close", () => {
        if (!response.writableFinished) recorded.closedByClient = true;
        changes.emit("change");
      });
      if (limit > 0) {
        requests.push(recorded);
        if (requests.length > limit) requests.shift();
      }
      changes.emit("change");
      await options.handle({ request: recorded, incoming, response });
    } catch (error) {
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { "content-type": "text/plain" });
        response.end(`mock upstream failure: ${String(error)}`);
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get requests() {
      return requests;
    },
    get lastRequest() {
      return requests[requests.length - 1];
    },
    get connections() {
      return { ...stats };
    },
    clearRequests() {
      requests.length = 0;
    },
    waitFor(predicate, timeoutMs = 2_000) {
      return waitForChange(changes, predicate, timeoutMs);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readRequest(incoming: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const part of incoming) parts.push(part as Buffer);
  const raw = Buffer.concat(parts);
  const url = incoming.url ?? "/";
  const parsed = new URL(url, "http://mock.invalid");
  const headers = flattenHeaders(incoming.headers);
  return {
    method: incoming.method ?? "GET",
    url,
    path: parsed.pathname,
    query: Object.fromEntries(parsed.searchParams),
    headers,
    body: await parseBody(raw, headers["content-type"]),
    rawBody: headers["content-type"]?.startsWith("multipart/") ? "" : raw.toString("utf8"),
    closedByClient: false,
  };
}

function waitForChange(changes: EventEmitter, predicate: () => boolean, timeoutMs: number): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onChange = (): void => {
      if (!predicate()) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`mock upstream: condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    function cleanup(): void {
      clearTimeout(timer);
      changes.off("change", onChange);
    }
    changes.on("change", onChange);
  });
}
