import { randomUUID } from "node:crypto";
import { destination as pinoDestination, pino, type Logger, type DestinationStream } from "pino";

export type { Logger } from "pino";

export interface LoggerOptions {
  service: string;
  version: string;
  level: string;
  destination?: DestinationStream;
}

/** Paths pino replaces with "[redacted]": credentials, keys and message content never reach a log. */
export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "headers['api-key']",
  "headers['x-api-key']",
  "apiKey",
  "*.apiKey",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "credentials",
  "*.credentials",
  "messages",
  "*.messages",
  "prompt",
  "*.prompt",
  "input",
  "*.input",
];

/** How often lines buffered for standard output are written out when fewer than a block arrived. */
const STDOUT_FLUSH_INTERVAL_MS = 250;

/**
 * Standard output, buffered: a line per request written synchronously costs the event loop a
 * system call each (measured: `docs/performance.md`), so lines are written in blocks of 4 KiB or
 * every 250 ms, whichever comes first, and flushed synchronously when the process exits.
 */
function bufferedStdout(): DestinationStream {
  const destination = pinoDestination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), STDOUT_FLUSH_INTERVAL_MS).unref();
  return destination;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, version: options.version },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? bufferedStdout(),
  );
}

export const REQUEST_ID_HEADER = "x-request-id";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function newRequestId(): string {
  return `req_${randomUUID().replaceAll("-", "")}`;
}

/** Keeps a caller's request id when it is well formed, so one id follows a call across services. */
export function acceptRequestId(candidate: unknown): string {
  return typeof candidate === "string" && REQUEST_ID_PATTERN.test(candidate) ? candidate : newRequestId();
}
