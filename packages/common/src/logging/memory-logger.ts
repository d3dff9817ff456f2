import { Writable } from "node:stream";
import { createLogger, type Logger } from "./logger.js";

export interface MemoryLogger {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  /** Every line as written, e.g. for searching for leaked secrets. */
  text(): string;
}

/** A real logger, with production options, whose lines are kept in memory (tests, diagnostics). */
export function createMemoryLogger(service: string, level = "info"): MemoryLogger {
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line) continue;
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      callback();
    },
  });
  return { logger: createLogger({ service, version: "test", level, destination }), lines, text: () => raw.join("\n") };
}
