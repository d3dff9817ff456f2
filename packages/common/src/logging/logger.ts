import { randomUUID } from "node:crypto";
import { pino, type Logger, type DestinationStream } from "pino";

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

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service, version: options.version },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
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
