import type { z } from "zod";
import type { Logger } from "pino";
import { deepFreeze, describeIssues, type Environment } from "./load-config.js";

export type ApplyResult = { applied: true; changedKeys: string[] } | { applied: false; problems: string[] };

/**
 * Configuration that can change while the process runs (from Nacos). An override is a set of
 * environment-style keys laid over the process environment and validated by the same schema as
 * at start-up; an invalid override, or one touching a key that cannot change at run time, is refused
 * with a log line and the old value stays.
 */
export class LiveConfig<Schema extends z.ZodType> {
  #current: z.infer<Schema>;
  #overrides: Record<string, string> = {};
  readonly #listeners = new Set<(config: z.infer<Schema>, changedKeys: string[]) => void>();

  constructor(
    private readonly schema: Schema,
    private readonly baseEnv: Environment,
    private readonly reloadableKeys: ReadonlySet<string>,
    private readonly logger: Logger,
    initial: z.infer<Schema>,
  ) {
    this.#current = initial;
  }

  get current(): z.infer<Schema> {
    return this.#current;
  }

  onChange(listener: (config: z.infer<Schema>, changedKeys: string[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the whole set of overrides (a Nacos config document is authoritative as a whole). */
  apply(overrides: Record<string, string>, source: string): ApplyResult {
    const refusedKeys = Object.keys(overrides).filter((key) => !this.reloadableKeys.has(key));
    if (refusedKeys.length > 0) {
      return this.#refuse(source, refusedKeys.map((key) => `${key}: cannot change at run time`));
    }
    const result = this.schema.safeParse({ ...this.baseEnv, ...overrides });
    if (!result.success) return this.#refuse(source, describeIssues(result.error));

    const next = deepFreeze(result.data) as z.infer<Schema>;
    const previousKeys = new Set([...Object.keys(this.#overrides), ...Object.keys(overrides)]);
    const changedKeys = [...previousKeys].filter((key) => this.#overrides[key] !== overrides[key]);
    this.#overrides = { ...overrides };
    this.#current = next;
    if (changedKeys.length > 0) {
      this.logger.info({ source, changedKeys }, "runtime configuration applied");
      for (const listener of this.#listeners) listener(next, changedKeys);
    }
    return { applied: true, changedKeys };
  }

  #refuse(source: string, problems: string[]): ApplyResult {
    this.logger.warn({ source, problems }, "runtime configuration refused; keeping the previous values");
    return { applied: false, problems };
  }
}

/** Parses a Nacos config document: JSON object of keys, or `KEY=value` lines (properties style). */
export function parseConfigDocument(content: string): Record<string, string> | Error {
  const trimmed = content.trim();
  if (trimmed === "") return {};
  if (trimmed.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return new Error("not a JSON object");
      return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
  const entries: [string, string][] = [];
  for (const line of trimmed.split(/\r?\n/)) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const separator = text.indexOf("=");
    if (separator <= 0) return new Error(`not a KEY=value line: ${text.slice(0, 40)}`);
    entries.push([text.slice(0, separator).trim(), text.slice(separator + 1).trim()]);
  }
  return Object.fromEntries(entries);
}
