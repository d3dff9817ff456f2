import { Writable } from "node:stream";
import { createLogger, type Logger } from "@llm-serve/common";

export interface CapturedLogs {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  /** Every captured line as written, for searching for leaked secrets. */
  text(): string;
}

/** A real pino logger (same options as production) whose lines are kept in memory. */
export function captureLogs(service = "test", level = "info"): CapturedLogs {
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
  const logger = createLogger({ service, version: "test", level, destination });
  return { logger, lines, text: () => raw.join("\n") };
}
