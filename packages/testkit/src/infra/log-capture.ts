import { createMemoryLogger, type MemoryLogger } from "@llm-serve/common";

export type CapturedLogs = MemoryLogger;

/** A real pino logger (production options) whose lines are kept in memory for assertions. */
export function captureLogs(service = "test", level = "info"): CapturedLogs {
  return createMemoryLogger(service, level);
}
